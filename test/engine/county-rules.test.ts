// A second regulation of the family (test/fixtures/county: a county centre's monthly assessment,
// YAML only) loads, passes its rule tests, and every rule it has is exercised by them. Its lint
// mistakes are reported at the place, like the shipped rules'.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import { formatRuleError } from '../../src/rules/errors.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';
import { type CaseOutcome, runCase } from '../../src/testing/run.js';
import { findTestFiles, loadTestFile } from '../../src/testing/suite.js';

const root = fileURLToPath(new URL('../fixtures/county/', import.meta.url));
const { ruleSet: loaded, errors } = loadRuleSet(readRuleDirectory(`${root}rules`, 'county'));
const ruleSet = loaded as RuleSet;
const outcomes: CaseOutcome[] = [];

describe('the county regulation (test/fixtures/county)', () => {
  it('loads without errors', () => {
    expect(errors.map(formatRuleError)).toEqual([]);
    expect(ruleSet.provisions.has('A5.2.3.1.1')).toBe(true);
  });

  for (const file of findTestFiles(`${root}tests`)) {
    it(file.slice(root.length), async () => {
      const { cases, errors: fileErrors } = loadTestFile(file, ruleSet);
      expect(fileErrors).toEqual([]);
      const failed: string[] = [];
      for (const c of cases) {
        const outcome = await runCase(ruleSet, c);
        outcomes.push(outcome);
        if (!outcome.passed)
          failed.push(`${outcome.line}: ${c.name}\n    ${outcome.failures.join('\n    ')}`);
      }
      expect(failed).toEqual([]);
    });
  }

  it('every rule but the principle is exercised by a case', () => {
    const exercised = new Set(outcomes.flatMap((o) => [...o.rules]));
    expect(
      ruleSet.rules.filter((r) => r.kind !== 'principle' && !exercised.has(r.id)).map((r) => r.id),
    ).toEqual([]);
  });

  it('a ranking without a bottom group marks none', async () => {
    const ctx = await new Evaluator(ruleSet).context([
      {
        id: 'r1',
        type: 'roster.staff',
        subject: { kind: 'staff', id: 'S001' },
        occurredOn: '2019-01-01',
        recordedAt: '',
        data: { name: '测试', window: 'W01', dispatchingUnit: '单位', joinedOn: '2019-01-01' },
      },
    ]);
    const [only] = ctx.evaluate('staff-quarter', '2019-Q3').results;
    expect(only).toMatchObject({ rank: 1, topGroup: true });
    expect(only && 'bottomGroup' in only).toBe(false);
  });
});

describe('lint of the constructs', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const lintWith = (file: string, from: string, to: string): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-county-'));
    dirs.push(dir);
    cpSync(`${root}rules`, dir, { recursive: true });
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text.split(from).length).toBe(2);
    writeFileSync(join(dir, file), text.replace(from, to));
    return loadRuleSet(readRuleDirectory(dir, 'county')).errors.map(formatRuleError);
  };

  it('a misspelt scale field', () => {
    expect(lintWith('a05-discipline.yaml', 'field: minutes', 'field: minute')).toEqual([
      expect.stringMatching(
        /^county\/a05-discipline\.yaml:\d+:\d+: fact type finding has no data field minute \(did you mean minutes\?\)/,
      ),
    ]);
  });

  it('an area cap for an area the rule set does not have', () => {
    expect(lintWith('a07-assessment.yaml', 'areaCaps: { morality:', 'areaCaps: { moralty:')).toEqual([
      expect.stringMatching(
        /a07-assessment\.yaml:\d+:\d+: area moralty is not one of ruleset.yaml's areas \(did you mean morality\?\)/,
      ),
    ]);
  });

  it('members scored by an evaluation of another cadence', () => {
    expect(
      lintWith(
        'a07-assessment.yaml',
        'members: { evaluation: staff-month',
        'members: { evaluation: staff-quarter',
      ),
    ).toEqual([
      expect.stringMatching(
        /staff-quarter is quarter, this score month: members are scored over the same period/,
      ),
    ]);
  });

  it('an undefined parameter as a scale', () => {
    expect(
      lintWith('a05-discipline.yaml', 'per: absence.halfDayMinutes', 'per: absence.halfDayMinute'),
    ).toEqual([
      expect.stringMatching(
        /parameter absence.halfDayMinute is not defined in parameters.yaml \(did you mean absence.halfDayMinutes\?\)/,
      ),
    ]);
  });

  it('a ranking of an annual score that ranks another evaluation', () => {
    expect(
      lintWith('a07-assessment.yaml', 'ranking: county.service-models', 'ranking: county.staff-month'),
    ).toEqual([
      expect.stringMatching(/rule county.staff-month is a score rule, a ranking rule is needed here/),
    ]);
  });
});
