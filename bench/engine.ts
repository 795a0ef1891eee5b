// In-process engine benchmark: a district year (250 staff, 60 windows, 1.25 million facts) streamed
// into the engine, then every evaluation kind for every period of the year and every staff
// member's return-to-unit verdict. Prints facts/s, results/s and peak RSS.
import { Evaluator } from '../src/engine/evaluator.js';
import { installKinds } from '../src/kinds/index.js';
import type { StoredFact } from '../src/model/fact.js';
import { parsePeriod, periodsWithin } from '../src/periods/index.js';
import { loadRuleSet } from '../src/rules/load.js';
import { readRuleDirectory } from '../src/rules/source.js';
import type { RuleSet } from '../src/rules/types.js';
import { DISTRICT, type DistrictOptions, districtFacts } from './generate-district.js';

installKinds();

export interface EngineBench {
  facts: number;
  indexSeconds: number;
  factsPerSecond: number;
  evaluationsSeconds: number;
  results: number;
  verdicts: number;
  verdictSeconds: number;
  totalSeconds: number;
  staffQuarterResultsPerSecond: number;
  heapAfterIndexMb: number;
  peakRssMb: number;
}

function* stored(options: DistrictOptions): Generator<StoredFact> {
  let seq = 0;
  // The generator yields fresh objects: stamp them in place as the store would.
  for (const f of districtFacts(options)) {
    const stamped = f as StoredFact;
    stamped.recordedAt = '2019-01-15T00:00:00.000Z';
    stamped.seq = seq++;
    yield stamped;
  }
}

export function loadShippedRules(): RuleSet {
  const { ruleSet, errors } = loadRuleSet(readRuleDirectory('rules'));
  if (!ruleSet) throw new Error(`rules/ does not load: ${errors.map((e) => e.message).join('; ')}`);
  return ruleSet;
}

export async function benchEngine(options: DistrictOptions = DISTRICT): Promise<EngineBench> {
  const ruleSet = loadShippedRules();
  const evaluator = new Evaluator(ruleSet);
  // Retractions are few; like the store's retractedIds(asOf), find them before streaming.
  const retracted = new Set<string>();
  for (const f of districtFacts(options)) if (f.type === 'retraction') retracted.add(String(f.data.retracts));

  const t0 = performance.now();
  const ctx = await evaluator.context(stored(options), { retracted });
  const t1 = performance.now();
  global.gc?.();
  const heapAfterIndexMb = process.memoryUsage().heapUsed / 2 ** 20;

  const year = parsePeriod(String(options.year));
  if (!year) throw new Error('bad year');
  let results = 0;
  for (const { kind, cadence } of evaluator.kinds()) {
    const periods = cadence === 'year' ? [year] : periodsWithin(year, cadence as 'quarter');
    for (const p of periods) results += ctx.evaluate(kind, p.id).results.length;
  }
  const t2 = performance.now();
  const staff = ctx.index.byKind.get('staff') ?? [];
  const date = `${options.year + 1}-01-01`;
  for (const s of staff) await ctx.verdict('return-to-unit', s.subject.id, date);
  const t3 = performance.now();

  // Staff-quarter throughput on a fresh context each round (no cached rankings).
  let quarterResults = 0;
  let quarterSeconds = 0;
  const quarters = periodsWithin(year, 'quarter');
  for (let round = 0; round < 3; round++) {
    ctx.clearCache();
    const s = performance.now();
    for (const q of quarters) quarterResults += ctx.evaluate('staff-quarter', q.id).results.length;
    quarterSeconds += (performance.now() - s) / 1000;
  }
  return {
    facts: options.totalFacts,
    indexSeconds: (t1 - t0) / 1000,
    factsPerSecond: options.totalFacts / ((t1 - t0) / 1000),
    evaluationsSeconds: (t2 - t1) / 1000,
    results,
    verdicts: staff.length,
    verdictSeconds: (t3 - t2) / 1000,
    totalSeconds: (t3 - t0) / 1000,
    staffQuarterResultsPerSecond: quarterResults / quarterSeconds,
    heapAfterIndexMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
