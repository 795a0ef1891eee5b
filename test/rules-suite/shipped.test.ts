// The shipped rule set and its YAML rule tests, as `kaohe lint`, `kaohe test` and `kaohe coverage`
// see them: every case passes, every provision is encoded, every rule is exercised by a case.
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/cli/test.js';
import { formatRuleError } from '../../src/rules/errors.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';
import type { CaseOutcome } from '../../src/testing/run.js';

let ruleSet: RuleSet;
let outcomes: CaseOutcome[];

beforeAll(async () => {
  const loaded = loadRuleSet(readRuleDirectory('rules'));
  expect(loaded.errors.map(formatRuleError)).toEqual([]);
  ruleSet = loaded.ruleSet as RuleSet;
  outcomes = (await runSuite(ruleSet, 'test/rules')) ?? [];
});

describe('shipped rules', () => {
  it('encode all 45 provisions of provisions.md', () => {
    expect(ruleSet.provisions.size).toBe(45);
  });

  it('pass every YAML rule test', () => {
    const failures = outcomes.filter((o) => !o.passed).map((o) => `${o.testCase.file.display}:${o.line} ${o.testCase.name}\n  ${o.failures.join('\n  ')}`);
    expect(failures).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(30);
  });

  it('give every rule at least one test case', () => {
    const tested = new Set(outcomes.flatMap((o) => [...o.rules]));
    expect(ruleSet.rules.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('give every provision that yields a verdict or points a positive and a negative case', () => {
    // A case is "about" a provision when it declares it; positive/negative is judged by helpers
    // that write the suites; here we check each such provision is declared by at least two cases.
    const declared = new Map<string, number>();
    for (const o of outcomes) for (const p of o.testCase.provisions) declared.set(p, (declared.get(p) ?? 0) + 1);
    const scored = new Set(ruleSet.rules.filter((r) => ['fact-points', 'ratio-points', 'condition'].includes(r.kind)).flatMap((r) => r.provisions));
    const thin = [...scored].filter((p) => (declared.get(p) ?? 0) < 2);
    expect(thin).toEqual([]);
  });
});
