import { describe, expect, it } from 'vitest';
import { getValidator, validateFact } from '../../src/schemas/registry.js';
import { envelope, shippedVocabulary, validFacts, withFields } from './examples.js';

const vocabulary = shippedVocabulary();

/** The one error a bad fact should produce: exact path, and a message naming the field. */
function onlyError(fact: unknown) {
  const errors = validateFact(fact, vocabulary);
  expect(errors).toHaveLength(1);
  return errors[0] as { path: string; message: string };
}

describe('valid facts', () => {
  it('covers every type of the schema', () => {
    const typeEnum = (getValidator('fact').schema as { properties: { type: { enum: string[] } } }).properties
      .type.enum;
    expect(Object.keys(validFacts).sort()).toEqual([...typeEnum].sort());
  });

  it.each(Object.entries(validFacts))('accepts a %s fact', (_type, fact) => {
    expect(validateFact(fact)).toEqual([]);
  });

  it('accepts the envelope example of docs/facts.md with only required fields', () => {
    expect(validateFact(withFields(envelope, { source: undefined }))).toEqual([]);
  });

  it('accepts subject ids in any script and an occurredAt with offset', () => {
    const fact = withFields(envelope, {
      subject: { kind: 'staff', id: '张三_01.b-2' },
      occurredAt: '2018-03-05T08:31:00.5+08:00',
    });
    expect(validateFact(fact)).toEqual([]);
  });
});

describe('envelope errors', () => {
  it('rejects an unknown top-level key, naming it', () => {
    expect(onlyError(withFields(envelope, { colour: 'red' }))).toEqual({
      path: '/colour',
      message: expect.stringMatching(/^colour: unknown field; allowed: id, type, subject/),
    });
  });

  it('rejects a fact carrying recordedAt', () => {
    const e = onlyError(withFields(envelope, { recordedAt: '2018-03-05T10:00:00.000+08:00' }));
    expect(e.path).toBe('/recordedAt');
    expect(e.message).toMatch(/^recordedAt: must not be given: set by the service/);
  });

  it('names a missing required field', () => {
    expect(onlyError(withFields(envelope, { occurredOn: undefined }))).toEqual({
      path: '/occurredOn',
      message: 'occurredOn: required field is missing',
    });
  });

  it('rejects an unknown type with the list of types, and nothing else', () => {
    const e = onlyError(withFields(envelope, { type: 'findings' }));
    expect(e.path).toBe('/type');
    expect(e.message).toMatch(
      /^type: must be one of roster\.window, roster\.staff, finding, .* \(got "findings"\)$/,
    );
  });

  it.each([
    ['2018-02-30', 'not a calendar day'],
    ['2018-2-3', 'not zero-padded'],
    ['2018-03-05T00:00:00Z', 'a date-time'],
  ])('rejects occurredOn %s (%s)', (occurredOn) => {
    expect(onlyError(withFields(envelope, { occurredOn }))).toEqual({
      path: '/occurredOn',
      message: `occurredOn: must be a calendar date YYYY-MM-DD (got "${occurredOn}")`,
    });
  });

  it('rejects an occurredAt without offset', () => {
    const e = onlyError(withFields(envelope, { occurredAt: '2018-03-05T08:31:00' }));
    expect(e.path).toBe('/occurredAt');
    expect(e.message).toMatch(/^occurredAt: must be an RFC 3339 date-time with an offset/);
  });

  it.each(['att 1', 'att/1', 'a'.repeat(129), '', '事实1'])('rejects id %j', (id) => {
    const e = onlyError(withFields(envelope, { id }));
    expect(e.path).toBe('/id');
    expect(e.message).toMatch(/^id: invalid form \(got .*\); expected 1–128 characters/);
  });

  it.each(['S$001', 'S:001', 'S 001', '{S001}', 'x'.repeat(65)])('rejects subject id %j', (id) => {
    const e = onlyError(withFields(envelope, { subject: { kind: 'staff', id } }));
    expect(e.path).toBe('/subject/id');
    expect(e.message).toMatch(/^subject\.id: invalid form .*letters of any script/);
  });

  it('rejects an unknown source', () => {
    const e = onlyError(withFields(envelope, { source: 'rumour' }));
    expect(e).toEqual({
      path: '/source',
      message: expect.stringMatching(/^source: must be one of onsite-patrol, /),
    });
  });

  it('rejects a value that is not an object', () => {
    expect(validateFact(null)).toEqual([{ path: '', message: 'fact: must be an object (got null)' }]);
  });
});

describe('per-type errors', () => {
  it('rejects a finding code the rule set in force does not define, listing its codes', () => {
    const e = onlyError(withFields(envelope, { data: { code: 'lat' } }));
    expect(e.path).toBe('/data/code');
    expect(e.message).toBe(
      'data.code: "lat" is not a finding code of rule set 2018.2 (in force on 2018-03-05); it defines late, early-leave, absent-from-post, unrelated-person-in-work-area, untidy-desk, improper-posture, work-phone-unanswered, private-call-while-serving, … (35 codes)',
    );
  });

  it('checks only the form of a code without a rule set (the schema does not list codes)', () => {
    expect(validateFact(withFields(envelope, { data: { code: 'lat' } }))).toEqual([]);
    expect(validateFact(withFields(envelope, { data: { code: 'Late arrival' } }))).toEqual([
      {
        path: '/data/code',
        message: expect.stringMatching(
          /^data\.code: invalid form \(got "Late arrival"\); expected a finding code of the rule set in force/,
        ),
      },
    ]);
  });

  it('rejects an unknown key in data, naming it and the allowed keys', () => {
    expect(onlyError(withFields(envelope, { data: { code: 'late', minuets: 5 } }))).toEqual({
      path: '/data/minuets',
      message: 'data.minuets: unknown field; allowed: code, minutes, note',
    });
  });

  it('rejects a window code on a staff subject', () => {
    const fact = withFields(envelope, { data: { code: 'processed-outside-platform' } });
    expect(onlyError(fact)).toEqual({
      path: '/subject/kind',
      message:
        'subject.kind: finding processed-outside-platform is against a window in rule set 2018.2 (in force on 2018-03-05) (got "staff")',
    });
  });

  it('rejects a staff code on a window subject', () => {
    const fact = withFields(envelope, { subject: { kind: 'window', id: 'W01' } });
    expect(onlyError(fact)).toEqual({
      path: '/subject/kind',
      message:
        'subject.kind: finding private-call-while-serving is against a staff in rule set 2018.2 (in force on 2018-03-05) (got "window")',
    });
  });

  it('rejects a subject kind the type does not allow', () => {
    const fact = withFields(validFacts['online-share'] as object, { subject: { kind: 'staff', id: 'S001' } });
    expect(onlyError(fact)).toEqual({
      path: '/subject/kind',
      message: 'subject.kind: must be "window" (got "staff") — an online-share fact is about a window',
    });
    const finding = withFields(envelope, { subject: { kind: 'department', id: 'D1' } });
    expect(onlyError(finding)).toEqual({
      path: '/subject/kind',
      message: expect.stringMatching(/^subject\.kind: must be one of staff, window \(got "department"\)/),
    });
  });

  it('rejects a negative cases count and a fractional one', () => {
    const negative = withFields(validFacts.cases as object, { data: { count: -1 } });
    expect(onlyError(negative)).toEqual({
      path: '/data/count',
      message: 'data.count: must be >= 0 (got -1)',
    });
    const fractional = withFields(validFacts.cases as object, { data: { count: 1.5 } });
    expect(onlyError(fractional)).toEqual({
      path: '/data/count',
      message: 'data.count: must be an integer (got 1.5)',
    });
  });

  it('rejects leave of zero days', () => {
    const e = onlyError(withFields(validFacts.leave as object, { data: { days: 0, kind: 'annual' } }));
    expect(e).toEqual({ path: '/data/days', message: 'data.days: must be > 0 (got 0)' });
  });

  it('rejects online > total (checked in code)', () => {
    const e = onlyError(
      withFields(validFacts['online-share'] as object, { data: { online: 51, total: 50 } }),
    );
    expect(e).toEqual({
      path: '/data/online',
      message: 'data.online: must not exceed data.total (got 51 online of 50)',
    });
  });

  it.each(['2018-Q5', '2018-13', '2018-03-H3', '18', '2018-Q1-H1'])(
    'rejects grade-decision period %s',
    (period) => {
      const data = { period, grade: '称职', reason: 'x' };
      const e = onlyError(withFields(validFacts['grade-decision'] as object, { data }));
      expect(e.path).toBe('/data/period');
      expect(e.message).toMatch(/^data\.period: invalid form \(got ".*"\); expected a period id/);
    },
  );

  it.each(['2018', '2018-Q4', '2018-12', '2018-01-H2'])('accepts grade-decision period %s', (period) => {
    const data = { period, grade: '称职', reason: 'x' };
    expect(validateFact(withFields(validFacts['grade-decision'] as object, { data }))).toEqual([]);
  });

  it('names a missing data field', () => {
    const e = onlyError(
      withFields(validFacts['score-adjustment'] as object, { data: { points: 1, reason: 'x' } }),
    );
    expect(e).toEqual({ path: '/data/year', message: 'data.year: required field is missing' });
  });

  it('rejects a non-integer year and a bad roster date', () => {
    const adj = withFields(validFacts['score-adjustment'] as object, {
      data: { points: 1, reason: 'x', year: 2018.5 },
    });
    expect(onlyError(adj).path).toBe('/data/year');
    const roster = validFacts['roster.staff'] as { data: object };
    const e = onlyError(withFields(roster, { data: { ...roster.data, joinedOn: '2018-02-29' } }));
    expect(e.path).toBe('/data/joinedOn');
    expect(e.message).toMatch(/^data\.joinedOn: must be a calendar date/);
  });

  it('reports every problem of a fact, each at its own field', () => {
    const bad = withFields(envelope, { id: 'a b', recordedAt: 'x', data: { code: 'LAT', extra: 1 } });
    expect(
      validateFact(bad)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['/data/code', '/data/extra', '/id', '/recordedAt']);
  });
});
