// The engine against the hand-written baseline (bench/baseline.ts), in one process over the same
// facts: a centre scaled to `staff` staff, two years of facts; every staff-quarter, both
// staff-years and every staff member's return-to-unit verdict (asked all at once, as a district
// asks at a quarter's end). The answers must be equal, or this throws.
import { Evaluator } from '../src/engine/evaluator.js';
import { installKinds } from '../src/kinds/index.js';
import type { StoredFact } from '../src/model/fact.js';
import { parsePeriod, periodsWithin } from '../src/periods/index.js';
import type { RuleSet } from '../src/rules/types.js';
import { Baseline } from './baseline.js';
import { districtFacts } from './generate-district.js';

installKinds();

export interface ScaleOptions {
  staff: number;
  /** facts per staff member and year (ratings and case counts fill up to it) */
  factsPerStaffYear: number;
}

export interface Timings {
  index: number;
  quarters: number;
  years: number;
  verdicts: number;
  total: number;
}

export interface RatioBench {
  staff: number;
  facts: number;
  verdicts: number;
  engine: Timings;
  baseline: Timings;
  ratio: number;
}

const YEARS = [2018, 2019];

/** Two years of a district of `staff` staff (4 per window), stamped as the store would. */
export function twoYears(options: ScaleOptions): StoredFact[] {
  const facts: StoredFact[] = [];
  for (const year of YEARS) {
    const totalFacts = options.staff * options.factsPerStaffYear;
    const windows = Math.ceil(options.staff / 4);
    for (const f of districtFacts({ seed: year, staff: options.staff, windows, year, totalFacts })) {
      const stamped = f as StoredFact;
      stamped.recordedAt = `${year}-12-31T00:00:00.000Z`;
      stamped.seq = facts.length;
      facts.push(stamped);
    }
  }
  return facts;
}

function quartersOf(year: number) {
  const y = parsePeriod(String(year));
  if (!y) throw new Error(`bad year ${year}`);
  return periodsWithin(y, 'quarter');
}

/** The engine's answers, timed; as comparable lines. */
async function runEngine(ruleSet: RuleSet, facts: StoredFact[], retracted: Set<string>, date: string) {
  const lines: string[] = [];
  const t0 = cpu();
  const ctx = await new Evaluator(ruleSet).context(facts, { retracted });
  const t1 = cpu();
  for (const year of YEARS)
    for (const q of quartersOf(year))
      for (const r of ctx.evaluate('staff-quarter', q.id).results)
        lines.push(`${q.id} ${r.subject.id} ${r.score} ${r.rank} ${r.bottomGroup}`);
  const t2 = cpu();
  for (const year of YEARS)
    for (const r of ctx.evaluate('staff-year', String(year)).results)
      lines.push(`${year} ${r.subject.id} ${r.score} ${r.tier?.id} ${r.tier?.decided}`);
  const t3 = cpu();
  const staff = (ctx.index.byKind.get('staff') ?? []).map((s) => s.subject.id);
  const verdicts = await Promise.all(staff.map((id) => ctx.verdict('return-to-unit', id, date)));
  const t4 = cpu();
  for (const [i, v] of verdicts.entries())
    lines.push(`${date} ${staff[i]} ${v.returnToUnit} ${v.conditions.map((c) => c.met).join(',')}`);
  return { lines, staff, timings: timings(t0, t1, t2, t3, t4) };
}

function runBaseline(
  ruleSet: RuleSet,
  facts: StoredFact[],
  retracted: Set<string>,
  date: string,
  staff: string[],
) {
  const lines: string[] = [];
  const quarters = YEARS.flatMap(quartersOf).map((q) => ({ id: q.id, start: q.start, end: q.end }));
  const ofYear = (year: number) =>
    quarters
      .filter((q) => q.id.startsWith(`${year}-`))
      .map((q): [string, string, string] => [q.id, q.start, q.end]);
  const t0 = cpu();
  const b = new Baseline(ruleSet);
  b.index(facts, retracted);
  const t1 = cpu();
  for (const q of quarters)
    for (const [id, r] of b.quarter(q.id, q.start, q.end))
      lines.push(`${q.id} ${id} ${r.score} ${r.rank} ${r.bottomGroup}`);
  const t2 = cpu();
  for (const year of YEARS)
    for (const [id, r] of b.year(year, ofYear(year)))
      lines.push(`${year} ${id} ${r.score} ${r.tier} ${r.decided}`);
  const t3 = cpu();
  const ended = quarters.filter((q) => q.end < date);
  const years = YEARS.filter((y) => `${y}-12-31` < date)
    .reverse()
    .map((year) => ({ year, quarters: ofYear(year) }));
  const verdicts = staff.map((id) => b.verdict(id, date, ended, years));
  const t4 = cpu();
  for (const [i, v] of verdicts.entries())
    lines.push(`${date} ${staff[i]} ${v.returnToUnit} ${v.met.join(',')}`);
  return { lines, timings: timings(t0, t1, t2, t3, t4) };
}

/** Milliseconds of CPU time of this process (wall-clock time means little on a shared machine). */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timings(t0: number, t1: number, t2: number, t3: number, t4: number): Timings {
  return { index: t1 - t0, quarters: t2 - t1, years: t3 - t2, verdicts: t4 - t3, total: t4 - t0 };
}

function best(a: Timings, b: Timings): Timings {
  return a.total <= b.total ? a : b;
}

/**
 * Both evaluators five times, alternating (the machine is shared); the fastest run of each counts.
 * The first run of either also compiles its code (a service's engine runs warm), and on this
 * shared machine a run's time moves by up to 40 % with the host's load: the fastest of five
 * estimates what the code costs; the fastest of three still left one run in nine above 2×.
 */
export const RATIO_ROUNDS = 5;

export async function benchRatio(ruleSet: RuleSet, options: ScaleOptions): Promise<RatioBench> {
  const facts = twoYears(options);
  const retracted = new Set<string>();
  for (const f of facts) if (f.type === 'retraction') retracted.add(String(f.data.retracts));
  const date = `${(YEARS[YEARS.length - 1] as number) + 1}-01-01`;
  let engine: Awaited<ReturnType<typeof runEngine>> | undefined;
  let baseline: ReturnType<typeof runBaseline> | undefined;
  for (let round = 0; round < RATIO_ROUNDS; round++) {
    global.gc?.();
    const e = await runEngine(ruleSet, facts, retracted, date);
    global.gc?.();
    const b = runBaseline(ruleSet, facts, retracted, date, e.staff);
    compare(e.lines, b.lines, options.staff);
    engine = engine ? { ...e, timings: best(engine.timings, e.timings) } : e;
    baseline = baseline ? { ...b, timings: best(baseline.timings, b.timings) } : b;
  }
  if (!engine || !baseline) throw new Error('no rounds');
  return {
    staff: options.staff,
    facts: facts.length,
    verdicts: engine.staff.length,
    engine: engine.timings,
    baseline: baseline.timings,
    ratio: engine.timings.total / baseline.timings.total,
  };
}

export function compare(engine: string[], baseline: string[], staff: number): void {
  const e = [...engine].sort();
  const b = [...baseline].sort();
  const differ: string[] = [];
  for (let i = 0; i < Math.max(e.length, b.length) && differ.length < 10; i++)
    if (e[i] !== b[i]) differ.push(`  engine:   ${e[i]}\n  baseline: ${b[i]}`);
  if (differ.length > 0)
    throw new Error(
      `bench: the engine and the baseline disagree at ${staff} staff (${e.length} vs ${b.length} answers):\n${differ.join('\n')}`,
    );
}
