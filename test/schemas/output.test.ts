import { describe, expect, it } from 'vitest';
import { formatAjvErrors, getValidator } from '../../src/schemas/registry.js';

const ruleset = { version: '2018.1', hash: 'sha256:0f3c' };

const result = {
  subject: { kind: 'staff', id: 'S001' },
  score: 57,
  rank: 12,
  bottomGroup: true,
  tier: { id: 'incompetent', label: '不称职', decided: true, proposed: { id: 'basic', label: '基本称职' } },
  items: [
    {
      provision: 'A5.1.1',
      rule: 'attendance.late',
      points: -1,
      factIds: ['att-20180305-S001'],
      code: 'late',
      count: 1,
    },
    {
      provision: 'A6.2',
      rule: 'window.online-share',
      factIds: [],
      effect: 'measure',
      parameters: { threshold: 0.6, enabled: true, unit: 'share' },
      dimension: '绩',
      area: 'A6',
      value: 0.42,
      factCount: 3,
      note: 'below the bonus threshold',
    },
  ],
  explanation: { base: 100, deductions: 43 },
};

const evaluation = {
  id: 'ev-2018-staff-year-1',
  kind: 'staff-year',
  period: '2018',
  asOf: '2019-01-10T09:00:00.000+08:00',
  ruleset,
  factsDigest: 'sha256:9a1b',
  results: [result, { subject: { kind: 'staff', id: 'S002' }, score: 100, rank: 1, items: [] }],
};

const verdict = {
  subject: { kind: 'staff', id: 'S001' },
  date: '2018-07-01',
  asOf: '2018-07-01T00:00:00.000+08:00',
  returnToUnit: true,
  ruleset,
  conditions: [
    {
      provision: 'A7.4.3',
      rule: 'return.bottom-twice',
      met: true,
      evidence: { quarters: ['2018-Q1', '2018-Q2'] },
    },
    { provision: 'A7.4.5', met: false, evidence: {} },
  ],
};

function errorsOf(name: string, value: unknown) {
  const validate = getValidator(name);
  return validate(value) ? [] : formatAjvErrors(validate.errors);
}

describe('output schemas', () => {
  it('accepts a stored evaluation', () => {
    expect(errorsOf('evaluation', evaluation)).toEqual([]);
    expect(errorsOf('evaluation#/$defs/stored', evaluation)).toEqual([]);
  });

  it('accepts the verdict-evaluation shape (no id, no asOf) and rejects it as stored', () => {
    const { id: _id, asOf: _asOf, ...unstored } = evaluation;
    expect(errorsOf('evaluation#/$defs/verdictEvaluation', unstored)).toEqual([]);
    expect(errorsOf('evaluation', unstored).map((e) => e.path)).toEqual(['/id', '/asOf']);
    expect(errorsOf('evaluation#/$defs/verdictEvaluation', evaluation).map((e) => e.path)).toEqual([
      '/id',
      '/asOf',
    ]);
  });

  it('leaves which kinds exist (and their cadence) to the rule set: the schema checks their form', () => {
    expect(errorsOf('evaluation', { ...evaluation, kind: 'dept-year' })).toEqual([]);
    expect(errorsOf('evaluation', { ...evaluation, kind: 'Dept Year' }).map((e) => e.path)).toEqual([
      '/kind',
    ]);
    expect(errorsOf('evaluation', { ...evaluation, period: '2018-Q5' }).map((e) => e.path)).toEqual([
      '/period',
    ]);
  });

  it('rejects an unknown item field and a bad effect', () => {
    const items = [{ ...result.items[0], effect: 'fine', colour: 'red' }];
    expect(errorsOf('item', items[0]).map((e) => e.path)).toEqual(['/colour', '/effect']);
    const errors = errorsOf('evaluation', { ...evaluation, results: [{ ...result, items }] });
    expect(errors.map((e) => e.path)).toEqual(['/results/0/items/0/colour', '/results/0/items/0/effect']);
    expect(errors[0]?.message).toMatch(/^results\[0\]\.items\[0\]\.colour: unknown field/);
  });

  it('ties proposed to decided in a tier', () => {
    const decidedWithout = { ...result, tier: { id: 'x', label: '称职', decided: true } };
    expect(errorsOf('result', decidedWithout)).toEqual([
      { path: '/tier/proposed', message: 'tier.proposed: required field is missing' },
    ]);
    const computedWith = { ...result, tier: { ...result.tier, decided: false } };
    expect(errorsOf('result', computedWith)).toEqual([
      {
        path: '/tier/proposed',
        message: 'tier.proposed: must not be given: present only when decided is true',
      },
    ]);
  });

  it('accepts a verdict, with and without asOf and ruleset', () => {
    expect(errorsOf('verdict', verdict)).toEqual([]);
    const { asOf: _asOf, ruleset: _ruleset, ...bare } = verdict;
    expect(errorsOf('verdict', bare)).toEqual([]);
  });

  it('rejects a verdict on a window, a bad date and a condition without evidence', () => {
    const bad = {
      ...verdict,
      subject: { kind: 'window', id: 'W01' },
      date: '2018-02-30',
      conditions: [{ provision: 'A7.4.1', met: true }],
    };
    expect(errorsOf('verdict', bad).map((e) => e.path)).toEqual([
      '/subject/kind',
      '/date',
      '/conditions/0/evidence',
    ]);
  });

  it('accepts an error answer with fact details', () => {
    const answer = {
      error: {
        code: 'invalid-facts',
        message: '1 fact is invalid',
        details: [{ index: 0, id: null, path: '/id', message: 'id: required field is missing' }],
      },
    };
    expect(errorsOf('error', answer)).toEqual([]);
    expect(errorsOf('error#/$defs/factDetail', answer.error.details[0])).toEqual([]);
    expect(errorsOf('error', { error: { message: 'x' } })).toEqual([
      { path: '/error/code', message: 'error.code: required field is missing' },
    ]);
  });
});
