// (a) The engine's output does not depend on the order in which the facts arrive: the example
// centre's facts, shuffled with a seeded PRNG, give byte-identical evaluations and verdicts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../examples/generate.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The example centre as stored facts: one batch per day, positions as in the file. */
function exampleFacts(): StoredFact[] {
  return readFileSync(`${root}examples/centre/facts.ndjson`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, seq) => {
      const fact = JSON.parse(line) as StoredFact;
      return { ...fact, recordedAt: `${fact.occurredOn}T18:00:00.000+08:00`, seq };
    });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const PERIODS: Record<string, string[]> = {
  'half-month': ['2018-03-H1', '2018-10-H2', '2019-02-H2'],
  month: ['2018-06', '2019-12'],
  quarter: ['2018-Q2', '2018-Q4', '2019-Q1', '2019-Q4'],
  year: ['2018', '2019'],
};
const DATES = ['2018-10-01', '2019-04-01', '2020-01-01'];

async function everything(ruleSet: RuleSet, facts: StoredFact[]): Promise<string[]> {
  const evaluator = new Evaluator(ruleSet);
  const ctx = await evaluator.context(facts, { digest: true });
  const out: string[] = [];
  for (const { kind, cadence } of evaluator.kinds()) {
    for (const period of PERIODS[cadence] ?? []) out.push(JSON.stringify(ctx.evaluate(kind, period)));
  }
  const staff = (ctx.index.byKind.get('staff') ?? []).map((s) => s.subject.id);
  for (const date of DATES) {
    for (const id of staff) out.push(JSON.stringify(await ctx.verdict('return-to-unit', id, date)));
  }
  return out;
}

describe('determinism: the same facts in any input order give the same bytes', () => {
  let ruleSet: RuleSet;
  let facts: StoredFact[];
  let reference: string[];

  beforeAll(async () => {
    const loaded = loadRuleSet(readRuleDirectory(`${root}rules`, 'rules'));
    expect(loaded.errors).toEqual([]);
    ruleSet = loaded.ruleSet as RuleSet;
    facts = exampleFacts();
    reference = await everything(ruleSet, facts);
  });

  it('covers every evaluation kind, with results, and some verdicts that are met', () => {
    const kinds = new Set(reference.map((s) => (JSON.parse(s) as { kind?: string }).kind).filter(Boolean));
    expect([...kinds].sort()).toEqual(
      new Evaluator(ruleSet)
        .kinds()
        .map((k) => k.kind)
        .sort(),
    );
    expect(reference.filter((s) => s.includes('"returnToUnit":true')).length).toBeGreaterThan(5);
    expect(facts.some((f) => f.type === 'retraction')).toBe(true);
  });

  for (const seed of [1, 2018, 424242]) {
    it(`shuffle with seed ${seed}`, async () => {
      const input = shuffled(facts, seed);
      expect(input.map((f) => f.id)).not.toEqual(facts.map((f) => f.id));
      const output = await everything(ruleSet, input);
      expect(output.length).toBe(reference.length);
      const differing = output.findIndex((s, i) => s !== reference[i]);
      expect(differing, differing >= 0 ? `first difference: ${output[differing]?.slice(0, 300)}` : '').toBe(
        -1,
      );
    });
  }

  it('reversed input (every retraction before the fact it retracts) gives the same bytes', async () => {
    const output = await everything(ruleSet, [...facts].reverse());
    expect(output).toEqual(reference);
  });
});
