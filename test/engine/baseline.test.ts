// The bench's hand-written baseline (bench/baseline.ts) must give the engine's answers, or the
// ratio `npm run bench` prints compares different work. A small centre keeps this test quick.
import { describe, expect, it } from 'vitest';
import { benchRatio, compare } from '../../bench/ratio.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

describe('bench baseline', () => {
  it('equals the engine on two years of a 120-staff centre (every quarter, year and verdict)', async () => {
    const { ruleSet, errors } = loadRuleSet(readRuleDirectory('rules'));
    expect(errors).toEqual([]);
    const r = await benchRatio(ruleSet as RuleSet, { staff: 120, factsPerStaffYear: 60 });
    expect(r.verdicts).toBe(120);
    expect(r.facts).toBe(2 * 120 * 60);
    expect(r.ratio).toBeGreaterThan(0);
  }, 60_000);

  it('fails loudly when one answer differs', () => {
    const engine = ['2018-Q1 S001 98 1 false', '2020-01-01 S001 false false,false,false,false,false,false'];
    expect(() => compare(engine, [...engine], 1)).not.toThrow();
    expect(() =>
      compare(engine, [engine[0] ?? '', engine[1]?.replace('false,false', 'true,false') ?? ''], 1),
    ).toThrow(/disagree/);
  });
});
