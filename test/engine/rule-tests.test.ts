// The shipped YAML rule tests (test/rules) run under vitest as well as under `kaohe test`, and
// together they exercise every rule of the rule set that yields points, a score, a tier, a report
// item or a verdict (a rule counts when a case's output holds something it produced).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../../src/kinds/index.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';
import { type CaseOutcome, runCase } from '../../src/testing/run.js';
import { findTestFiles, loadTestFile } from '../../src/testing/suite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { ruleSet: loaded, errors } = loadRuleSet(readRuleDirectory(`${root}rules`, 'rules'));
const ruleSet = loaded as RuleSet;
const files = findTestFiles(`${root}test/rules`);
const outcomes: CaseOutcome[] = [];

describe('YAML rule tests (test/rules)', () => {
  it('the rule set loads and encodes all 45 provisions', () => {
    expect(errors).toEqual([]);
    expect(ruleSet.provisions.size).toBe(45);
  });

  for (const file of files) {
    it(file.slice(root.length), async () => {
      const { cases, errors: fileErrors } = loadTestFile(file, ruleSet);
      expect(fileErrors).toEqual([]);
      expect(cases.length).toBeGreaterThan(0);
      const failed: string[] = [];
      for (const c of cases) {
        const outcome = await runCase(ruleSet, c);
        outcomes.push(outcome);
        if (!outcome.passed)
          failed.push(`${c.file.display}:${outcome.line}: ${c.name}\n    ${outcome.failures.join('\n    ')}`);
      }
      expect(failed).toEqual([]);
    });
  }

  it('exercise every rule that yields points, a score, a tier, a report item or a verdict', () => {
    const exercised = new Set(outcomes.flatMap((o) => [...o.rules]));
    // The kinds whose rules a case's output can show, as each kind's module (src/kinds/) says.
    const kinds = new Set<string>(RULE_KINDS.filter((k) => k.testing.exercisable).map((k) => k.kind));
    expect(kinds.size).toBeGreaterThan(0);
    const missing = ruleSet.rules
      .filter((r) => kinds.has(r.kind) && !exercised.has(r.id))
      .map((r) => `${r.kind} ${r.id}`);
    expect(missing).toEqual([]);
    // Declaring a provision exercises nothing: principles (and procedures) produce no output, so no
    // case exercises them.
    expect(ruleSet.rules.filter((r) => !kinds.has(r.kind) && exercised.has(r.id))).toEqual([]);
  });

  it('count a rule as exercised only when a case output holds something it produced', async () => {
    const file = files.find((f) => f.endsWith('a08-3-1-3-staff-quarter.yaml')) as string;
    const { cases } = loadTestFile(file, ruleSet);
    const late = cases.find(
      (c) => c.provisions.includes('A5.1.1') && c.facts.some((f) => f.type === 'finding'),
    ) as (typeof cases)[number];
    expect((await runCase(ruleSet, late)).rules.has('conduct.attendance')).toBe(true);
    // the same case, its provision still declared, without the findings that rule prices
    const bare = { ...late, facts: late.facts.filter((f) => f.type !== 'finding'), expect: {} };
    const outcome = await runCase(ruleSet, bare);
    expect(outcome.passed).toBe(true);
    expect(outcome.testCase.provisions).toContain('A5.1.1');
    expect(outcome.rules.has('conduct.attendance')).toBe(false);
  });

  it('declare at least two cases (a positive and a negative) for every provision that yields points or a verdict', () => {
    const declared = new Map<string, number>();
    for (const o of outcomes)
      for (const p of o.testCase.provisions) declared.set(p, (declared.get(p) ?? 0) + 1);
    const principles = new Set(
      ruleSet.rules.filter((r) => r.kind === 'principle').flatMap((r) => r.provisions),
    );
    const twoCases = new Set<string>(RULE_KINDS.filter((k) => k.testing.twoCases).map((k) => k.kind));
    const scored = ruleSet.rules
      .filter((r) => twoCases.has(r.kind))
      .flatMap((r) => r.provisions)
      .filter((p) => !principles.has(p));
    expect([...new Set(scored)].filter((p) => (declared.get(p) ?? 0) < 2)).toEqual([]);
  });
});
