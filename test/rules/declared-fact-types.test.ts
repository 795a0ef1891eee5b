// Fact types a rule set declares (test/fixtures/county/rules/fact-types.yaml: `sign-in`) and roster
// fields it makes optional: lint at the place, validation like the shipped types for facts under a
// version that declares them, part of the published definition and its hash.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRuleError } from '../../src/rules/errors.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { publishedDefinition, ruleSetFromDefinition } from '../../src/rules/published.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';
import { vocabularyOf, vocabularyOfAny } from '../../src/rules/vocabulary.js';
import { validateFact, validateFactBatch, vocabularyByDate } from '../../src/schemas/registry.js';

const countyDir = fileURLToPath(new URL('../fixtures/county/rules', import.meta.url));
const shippedDir = fileURLToPath(new URL('../../rules', import.meta.url));
const load = (dir: string) => loadRuleSet(readRuleDirectory(dir, 'county'));
const county = load(countyDir).ruleSet as RuleSet;
const shipped = loadRuleSet(readRuleDirectory(shippedDir, 'rules')).ruleSet as RuleSet;

const signIn = (data: Record<string, unknown>, occurredOn = '2019-07-02', kind = 'staff') => ({
  id: 'p1',
  type: 'sign-in',
  subject: { kind, id: 'S001' },
  occurredOn,
  data,
});
const rosterStaff = (data: Record<string, unknown>) => ({
  id: 'r1',
  type: 'roster.staff',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn: '2019-06-01',
  data,
});

describe('a declared fact type is validated like a shipped one', () => {
  const countyOn = vocabularyOfAny(county);

  it('accepts a sign-in of the declared shape', () => {
    expect(validateFact(signIn({ halfDay: 'morning', punch: 'in', signed: false }), countyOn)).toEqual([]);
  });

  it('names the field and the reason of a bad one', () => {
    expect(validateFact(signIn({ halfDay: 'noon', punch: 'in', signed: 'no' }), countyOn)).toEqual([
      expect.objectContaining({
        path: '/data/halfDay',
        message: expect.stringMatching(/morning, afternoon/),
      }),
      expect.objectContaining({ path: '/data/signed', message: expect.stringMatching(/boolean/) }),
    ]);
    expect(validateFact(signIn({ halfDay: 'morning', punch: 'in' }), countyOn)).toEqual([
      expect.objectContaining({ path: '/data/signed' }),
    ]);
    expect(
      validateFact(signIn({ halfDay: 'morning', punch: 'in', signed: true, minutes: 3 }), countyOn),
    ).toEqual([expect.objectContaining({ path: '/data/minutes' })]);
    expect(
      validateFact(
        signIn({ halfDay: 'morning', punch: 'in', signed: true }, '2019-07-02', 'window'),
        countyOn,
      ),
    ).toEqual([expect.objectContaining({ path: '/subject/kind' })]);
  });

  it('is a fact type only under a version that declares it (by occurredOn)', () => {
    // The shipped rules hold from 2018-01-01, the county's from 2019-06-01.
    const on = vocabularyByDate([vocabularyOf(shipped), vocabularyOf(county)]);
    const data = { halfDay: 'morning', punch: 'in', signed: false };
    expect(validateFact(signIn(data, '2019-06-01'), on)).toEqual([]);
    expect(validateFact(signIn(data, '2019-05-31'), on)).toEqual([
      expect.objectContaining({ path: '/type', message: expect.stringMatching(/sign-in/) }),
    ]);
    expect(validateFact(signIn(data), undefined)).toEqual([expect.objectContaining({ path: '/type' })]);
  });

  it('reports a batch fact by its index', () => {
    const good = signIn({ halfDay: 'morning', punch: 'in', signed: true });
    const bad = { ...signIn({ halfDay: 'evening', punch: 'in', signed: true }), id: 'p2' };
    expect(validateFactBatch([good, bad], countyOn)).toEqual([
      expect.objectContaining({ index: 1, id: 'p2', path: '/data/halfDay' }),
    ]);
  });
});

describe('roster fields optional per rule set', () => {
  const person = { name: '测试', window: 'W01', joinedOn: '2019-06-01' };

  it('the county roster may leave out dispatchingUnit; the shipped one may not', () => {
    expect(validateFact(rosterStaff(person), vocabularyOfAny(county))).toEqual([]);
    expect(validateFact(rosterStaff(person), vocabularyOfAny(shipped))).toEqual([
      expect.objectContaining({ path: '/data/dispatchingUnit' }),
    ]);
    expect(validateFact(rosterStaff({ ...person, window: undefined }), vocabularyOfAny(county))).toEqual([
      expect.objectContaining({ path: '/data/window' }),
    ]);
  });
});

describe('published with the version', () => {
  it('the definition keeps the declared types and the hash covers them', () => {
    const definition = publishedDefinition(county);
    expect(definition.factTypes?.map((t) => t.name)).toEqual(['sign-in']);
    const rebuilt = ruleSetFromDefinition(JSON.parse(JSON.stringify(definition)), county.hash, {});
    expect(rebuilt.factTypes?.get('sign-in')?.subjects).toEqual(['staff']);
    const changed = structuredClone(definition);
    const [declared] = changed.factTypes ?? [];
    if (!declared) throw new Error('no declared type in the definition');
    (declared.data.required as string[]).pop();
    expect(() => ruleSetFromDefinition(changed, county.hash, {})).toThrow(/hashes to/);
  });

  it('a rule set that declares none has no factTypes in its definition', () => {
    expect(shipped.factTypes).toBeUndefined();
    expect('factTypes' in publishedDefinition(shipped)).toBe(false);
  });
});

describe('lint', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const lintWith = (file: string, from: string, to: string): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-declared-'));
    dirs.push(dir);
    cpSync(countyDir, dir, { recursive: true });
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text.split(from).length).toBe(2);
    writeFileSync(join(dir, file), text.replace(from, to));
    return load(dir).errors.map(formatRuleError);
  };

  it('a declared type may not redefine a shipped one (at its name, file:line:col)', () => {
    const errors = lintWith('fact-types.yaml', '  sign-in:', '  finding:');
    expect(errors).toContain(
      'county/fact-types.yaml:6:3: fact type finding is a shipped type (schemas/fact.schema.json); a rule set may not redefine it — declare its own under another name',
    );
  });

  it('a misspelt field of a declared type in a when', () => {
    expect(lintWith('a05-discipline.yaml', '{ fact: signed,', '{ fact: signd,')).toEqual([
      expect.stringMatching(
        /^county\/a05-discipline\.yaml:\d+:\d+: fact type sign-in has no data field signd \(did you mean signed\?\)/,
      ),
    ]);
  });

  it('a misspelt field to group by', () => {
    expect(lintWith('a05-discipline.yaml', 'by: halfDay', 'by: halfday')).toEqual([
      expect.stringMatching(/fact type sign-in has no data field halfday \(did you mean halfDay\?\)/),
    ]);
  });

  it('a data schema Ajv cannot compile, at its data', () => {
    expect(lintWith('fact-types.yaml', '{ type: boolean,', '{ type: bool,')).toEqual([
      'county/fact-types.yaml:17:25: the data schema of sign-in is not usable: type: must be equal to one of the allowed values (got "bool")',
    ]);
    expect(lintWith('fact-types.yaml', 'description: signing in', 'descripton: signing in')).toEqual([
      expect.stringMatching(
        /^county\/fact-types\.yaml:12:7: the data schema of sign-in is not usable: .*descripton/,
      ),
    ]);
  });

  it('a roster field the shipped type does not require, or one the roster reads', () => {
    expect(lintWith('ruleset.yaml', 'optional: [dispatchingUnit]', 'optional: [dispatchingUnits]')).toEqual([
      expect.stringMatching(
        /ruleset\.yaml:\d+:\d+: roster.staff does not require dispatchingUnits \(did you mean dispatchingUnit\?\)/,
      ),
    ]);
    expect(lintWith('ruleset.yaml', 'optional: [dispatchingUnit]', 'optional: [window]')).toEqual([
      expect.stringMatching(/window cannot be optional: this roster reads it/),
    ]);
  });

  it('once with every: a derived entry is priced once', () => {
    expect(
      lintWith(
        'a05-discipline.yaml',
        'once: { per: day, by: halfDay }',
        'once: { per: day, by: halfDay }\n    every: { count: lateArrivals.perAbsence, within: month }',
      ),
    ).toEqual([
      expect.stringMatching(
        /a05-discipline\.yaml:\d+:\d+: once \(one entry per day and halfDay\) cannot be combined with every/,
      ),
    ]);
  });

  it('a rule naming an undeclared type', () => {
    expect(lintWith('a05-discipline.yaml', 'factType: sign-in ', 'factType: sign-on ')).toEqual([
      expect.stringMatching(/fact type sign-on is not in the fact contract \(did you mean sign-in\?\)/),
    ]);
  });
});
