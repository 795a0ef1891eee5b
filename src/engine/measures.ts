// The generic measures a verdict condition can compute over a subject's history before a date:
// - streak: flagged periods of an evaluation (e.g. bottom group), longest consecutive run or most
//   within one window of N months (rolling, or the calendar year);
// - events: facts of a type, in total, most within one window, or most after an anchor fact;
// - latestResult: the subject's latest result of an evaluation among periods ended before the date.

import { getOrInsert } from '../model/collections.js';
import { type StoredFact, subjectKey } from '../model/fact.js';
import {
  type Period,
  periodContaining,
  periodsBetween,
  previousPeriod,
  sameCalendarYear,
  sameDateMonthsLater,
  withinMonths,
} from '../periods/index.js';
import { WINDOW_MODES } from '../rules/choices.js';
import type { EvaluationRef, MeasureSpec } from '../rules/types.js';
import type { Context } from './context.js';
import { evaluateKind, type ResultsBySubject, resultIn, resultsBySubject } from './evaluations.js';
import type { SubjectFacts } from './fact-index.js';
import { ParameterError, type UsedParameters } from './params.js';

export interface MeasureValue {
  value: number | string | null;
  /** the value first, then what explains it (a verdict shows this object as is) */
  evidence: Record<string, unknown>;
}

export function measure(
  ctx: Context,
  spec: MeasureSpec,
  s: SubjectFacts,
  date: string,
  used: UsedParameters,
): MeasureValue {
  if ('streak' in spec) return streak(ctx, spec.streak, s, date, used);
  if ('events' in spec) return events(ctx, spec.events, s, date, used);
  return latestResult(ctx, spec.latestResult, s, date, used);
}

/** The evaluation a measure reads; one the rule set does not define is an error, not a zero. */
function evaluationOf(ctx: Context, ref: EvaluationRef, date: string, used: UsedParameters) {
  const evaluation = typeof ref === 'string' ? ref : ctx.params.string(ref.param, date, used);
  const rule = ctx.evaluations.get(evaluation);
  if (!rule)
    throw new ParameterError(
      `measure over evaluation ${evaluation}, which the rule set does not define (${[...ctx.evaluations.keys()].join(', ')})`,
    );
  return { evaluation, rule };
}

/**
 * Periods of a cadence from the rule set's first period up to the last one that ended before `date`.
 * Not from the first fact's period: a subject on the roster has results (e.g. an annual score of
 * the base) in periods without any fact, and a verdict must see them.
 */
// Ended periods by rule set, cadence and date: every verdict on a date asks for the same list.
const endedOf = new WeakMap<Context['ruleSet'], Map<string, readonly Period[]>>();

function endedPeriods(ctx: Context, cadence: Period['cadence'], date: string): readonly Period[] {
  let memo = endedOf.get(ctx.ruleSet);
  if (!memo) {
    memo = new Map();
    endedOf.set(ctx.ruleSet, memo);
  }
  const key = `${cadence}|${date}`;
  let periods = memo.get(key);
  if (!periods) {
    if (memo.size >= 4096) memo.clear(); // a service asked about many dates: bound the memo
    const from = ctx.ruleSet.manifest.effective.from;
    const last = date <= from ? undefined : previousPeriod(periodContaining(date, cadence));
    const first = periodContaining(from, cadence);
    periods = last && first.startDay <= last.startDay ? periodsBetween(first, last) : [];
    memo.set(key, periods);
  }
  return periods;
}

// Flagged periods by context, then evaluation, flag and date, then subject key: worked out in one
// pass over each ended period's results, not one look-up per verdict and period.
type Flag = Extract<MeasureSpec, { streak: unknown }>['streak']['flag'];
const flaggedOf = new WeakMap<
  Context,
  {
    byKey: Map<string, Map<string, Period[]>>;
    last?: { evaluation: string; flag: Flag; date: string; bySubject: Map<string, Period[]> };
  }
>();

function flaggedPeriods(
  ctx: Context,
  evaluation: string,
  cadence: Period['cadence'],
  flag: Flag,
  date: string,
): Map<string, Period[]> {
  let memo = flaggedOf.get(ctx);
  if (!memo) {
    memo = { byKey: new Map() };
    flaggedOf.set(ctx, memo);
  }
  // The last one asked first: a district's verdicts ask the same again and again.
  const last = memo.last;
  if (last && last.evaluation === evaluation && last.flag === flag && last.date === date)
    return last.bySubject;
  const key = `${evaluation}|${flag}|${date}`;
  let bySubject = memo.byKey.get(key);
  if (!bySubject) {
    if (memo.byKey.size >= 256) memo.byKey.clear(); // a service asked about many dates: bound the memo
    bySubject = new Map();
    for (const p of endedPeriods(ctx, cadence, date))
      for (const r of evaluateKind(ctx, evaluation, p.id))
        if (r[flag]) getOrInsert(bySubject, subjectKey(r.subject), () => []).push(p);
    memo.byKey.set(key, bySubject);
  }
  memo.last = { evaluation, flag, date, bySubject };
  return bySubject;
}

function streak(
  ctx: Context,
  spec: Extract<MeasureSpec, { streak: unknown }>['streak'],
  s: SubjectFacts,
  date: string,
  used: UsedParameters,
): MeasureValue {
  const { evaluation, rule } = evaluationOf(ctx, spec.evaluation, date, used);
  const flagged = flaggedPeriods(ctx, evaluation, rule.cadence, spec.flag, date).get(s.key) ?? [];
  let best: Period[] = [];
  if (spec.run === 'consecutive') {
    let run: Period[] = [];
    for (const p of flagged) {
      const prev = run[run.length - 1];
      run = prev && previousPeriod(p).id === prev.id ? [...run, p] : [p];
      if (run.length > best.length) best = run;
    }
  } else {
    const months = ctx.params.number(spec.months ?? '', date, used);
    const mode = ctx.params.choice(spec.mode ?? '', date, WINDOW_MODES, used);
    for (let i = 0; i < flagged.length; i++) {
      const start = flagged[i] as Period;
      const window = flagged
        .slice(i)
        .filter((p) => (mode === 'calendar' ? sameCalendarYear(start, p) : withinMonths(start, p, months)));
      if (window.length > best.length) best = window;
    }
  }
  return {
    value: best.length,
    evidence: {
      value: best.length,
      evaluation,
      flag: spec.flag,
      run: spec.run,
      periods: best.map((p) => p.id),
      flaggedPeriods: flagged.map((p) => p.id),
    },
  };
}

function events(
  ctx: Context,
  spec: Extract<MeasureSpec, { events: unknown }>['events'],
  s: SubjectFacts,
  date: string,
  used: UsedParameters,
): MeasureValue {
  const before = (type: string) => recordsBefore(s, type, date);
  if (spec.after) {
    const months = spec.months ? ctx.params.number(spec.months, date, used) : undefined;
    let best: { anchor: string; ids: string[] } | undefined;
    const anchors = before(spec.after.factType);
    // Without an anchor no fact counts: most subjects, so their facts are not even listed.
    const facts = anchors.length > 0 ? before(spec.factType) : [];
    for (const anchor of anchors) {
      const end = months === undefined ? undefined : sameDateMonthsLater(anchor.occurredOn, months);
      const ids = facts
        .filter((f) => f.occurredOn > anchor.occurredOn && (end === undefined || f.occurredOn < end))
        .map((f) => f.id);
      if (!best || ids.length > best.ids.length) best = { anchor: anchor.id, ids };
    }
    return {
      value: best?.ids.length ?? 0,
      evidence: {
        value: best?.ids.length ?? 0,
        factType: spec.factType,
        after: spec.after.factType,
        anchor: best?.anchor ?? null,
        factIds: best?.ids ?? [],
      },
    };
  }
  const facts = before(spec.factType);
  if (!spec.months)
    return {
      value: facts.length,
      evidence: { value: facts.length, factType: spec.factType, factIds: facts.map((f) => f.id) },
    };
  const months = ctx.params.number(spec.months, date, used);
  const mode = spec.mode ? ctx.params.choice(spec.mode, date, WINDOW_MODES, used) : 'rolling';
  let best: string[] = [];
  for (let i = 0; i < facts.length; i++) {
    const start = facts[i] as (typeof facts)[number];
    const end = sameDateMonthsLater(start.occurredOn, months);
    const ids = facts
      .slice(i)
      .filter((f) =>
        mode === 'calendar' ? f.occurredOn.slice(0, 4) === start.occurredOn.slice(0, 4) : f.occurredOn < end,
      )
      .map((f) => f.id);
    if (ids.length > best.length) best = ids;
  }
  return {
    value: best.length,
    evidence: { value: best.length, factType: spec.factType, window: { months, mode }, factIds: best },
  };
}

/** Facts of a type that occurred before `date`: a prefix of the records (sorted by day), found by halving. */
function recordsBefore(s: SubjectFacts, type: string, date: string): StoredFact[] {
  const list = s.records.get(type);
  if (!list) return [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as (typeof list)[number]).fact.occurredOn < date) lo = mid + 1;
    else hi = mid;
  }
  const out: StoredFact[] = [];
  for (let i = 0; i < lo; i++) out.push((list[i] as (typeof list)[number]).fact);
  return out;
}

// The ended periods' results by subject, per context, evaluation and date (the last one asked
// kept at hand): every verdict on a date reads the same few, found once instead of per verdict.
interface Latest {
  evaluation: string;
  date: string;
  periods: readonly Period[];
  indexes: (ResultsBySubject | undefined)[];
}
const latestsOf = new WeakMap<Context, Latest>();

function latestOf(ctx: Context, evaluation: string, cadence: Period['cadence'], date: string): Latest {
  const last = latestsOf.get(ctx);
  if (last && last.evaluation === evaluation && last.date === date) return last;
  const periods = endedPeriods(ctx, cadence, date);
  const latest = { evaluation, date, periods, indexes: [] };
  latestsOf.set(ctx, latest);
  return latest;
}

function latestResult(
  ctx: Context,
  spec: Extract<MeasureSpec, { latestResult: unknown }>['latestResult'],
  s: SubjectFacts,
  date: string,
  used: UsedParameters,
): MeasureValue {
  const { evaluation, rule } = evaluationOf(ctx, spec.evaluation, date, used);
  const { periods, indexes } = latestOf(ctx, evaluation, rule.cadence, date);
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i] as Period;
    indexes[i] ??= resultsBySubject(ctx, evaluation, p.id, { beforeDate: date });
    const r = resultIn(indexes[i] as ResultsBySubject, s.subject);
    if (r) {
      const value = r.tier?.id ?? null;
      return {
        value,
        evidence: { value, evaluation, period: p.id, score: r.score ?? null, tier: r.tier ?? null },
      };
    }
  }
  return { value: null, evidence: { value: null, evaluation, period: null } };
}
