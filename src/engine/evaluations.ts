// The evaluation kinds, as the rule set defines them: score (per period, optionally ranked and
// graded), annual-score (mean of a shorter score plus adjustments, graded) and report (items of
// the rules that name it), each the stage of its kind's module (src/kinds/). Results are cached
// per context, kind, period and cut-off date.

import { type SubjectRef, subjectKey } from '../model/fact.js';
import { type Period, parsePeriod, periodIndex, periodsWithin } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import { type Context, EvaluationError, type EvaluationRule, population, rowRoster } from './context.js';
import { entriesBetween, type SubjectFacts } from './fact-index.js';
import { type InForce, inForceNote, inForcePart } from './in-force.js';
import { ItemGroups } from './items.js';
import { memberMean } from './member-scores.js';
import { ParameterRecords } from './parameter-records.js';
import { copyUsed, type UsedParameters } from './params.js';
import { rank } from './ranking.js';
import { type ScoreLimits, scoreLimits, scoreOf, tally } from './score.js';
import { type EvaluateOptions, ruleItems, stageOf } from './stages.js';
import { tierResult } from './tiers.js';
import type { Item, Result } from './types.js';

export type { EvaluateOptions } from './stages.js';

export function evaluateKind(
  ctx: Context,
  kind: string,
  periodId: string,
  options: EvaluateOptions = {},
): Result[] {
  const rule = ctx.evaluations.get(kind);
  if (!rule)
    throw new EvaluationError(
      'unknown-kind',
      `unknown evaluation kind ${kind}; the rule set defines ${[...ctx.evaluations.keys()].join(', ')}`,
    );
  // The cut-off date only changes results through decisions and adjustments (and, for an annual
  // score, through the evaluation it averages); elsewhere one cached result serves every date.
  const before =
    options.beforeDate !== undefined &&
    dependsOnCutoff(ctx, rule) &&
    options.beforeDate <= lastCutoffFact(ctx)
      ? options.beforeDate
      : undefined;
  // Cached under the period's canonical id (a clipped period keeps it): a verdict asks for every
  // past period's result, and a hit then parses no period.
  const hit = ctx.cache.get(`${kind}|${periodId}|${before ?? ''}`);
  if (hit) return hit;
  const asked = parsePeriod(periodId);
  if (!asked || asked.cadence !== rule.cadence) {
    throw new EvaluationError(
      'invalid-period',
      `period ${periodId} is not a ${rule.cadence} period id (e.g. ${example(rule.cadence)})`,
    );
  }
  const { effective } = ctx.ruleSet.manifest;
  const part = inForcePart(effective, asked);
  if (!part)
    throw new EvaluationError(
      'not-in-force',
      `period ${periodId} (${asked.start} to ${asked.end}) is outside the rule set's range (in force from ${effective.from}${effective.to ? ` to ${effective.to}` : ''})`,
    );
  const period = part.period;
  const key = `${kind}|${period.id}|${before ?? ''}`;
  const cached = ctx.cache.get(key);
  if (cached) return cached;
  const cutoff: EvaluateOptions = before === undefined ? {} : { beforeDate: before };
  const results = stageOf(rule).evaluate(ctx, rule, period, cutoff);
  if (part.clipped) noteInForce(ctx, part, results);
  // Cached results are shared by every later caller: treat them as read-only.
  ctx.cache.set(key, results);
  return results;
}

// By subject ref first (results share the index's refs, so no key string is built), else by key.
const resultIndex = new WeakMap<Result[], ResultsBySubject>();

/** One subject's result of an evaluation; each cached result list is indexed by subject once. */
export function resultFor(
  ctx: Context,
  kind: string,
  periodId: string,
  subject: SubjectRef,
  options: EvaluateOptions = {},
): Result | undefined {
  return resultIn(resultsBySubject(ctx, kind, periodId, options), subject);
}

export type ResultsBySubject = {
  byRef: Map<SubjectRef, Result>;
  /** by key, built when a ref from elsewhere is first asked about (results share the index's refs) */
  byKey?: Map<string, Result>;
  results: Result[];
};

/** An evaluation's results indexed by subject (once per cached result list). */
export function resultsBySubject(
  ctx: Context,
  kind: string,
  periodId: string,
  options: EvaluateOptions = {},
): ResultsBySubject {
  const results = evaluateKind(ctx, kind, periodId, options);
  let bySubject = resultIndex.get(results);
  if (!bySubject) {
    bySubject = { byRef: new Map(results.map((r) => [r.subject, r])), results };
    resultIndex.set(results, bySubject);
  }
  return bySubject;
}

export function resultIn(bySubject: ResultsBySubject, subject: SubjectRef): Result | undefined {
  const hit = bySubject.byRef.get(subject);
  if (hit) return hit;
  bySubject.byKey ??= new Map(bySubject.results.map((r) => [subjectKey(r.subject), r]));
  return bySubject.byKey.get(subjectKey(subject));
}

const lastCutoffFacts = new WeakMap<Context['index'], string>();

/**
 * The latest day of a decision or adjustment fact in the context ('' when none): a cut-off date
 * after it changes nothing, so such a question shares the uncut result (a verdict asked at a
 * quarter's end would otherwise re-evaluate every annual score).
 */
function lastCutoffFact(ctx: Context): string {
  let last = lastCutoffFacts.get(ctx.index);
  if (last !== undefined) return last;
  const types = new Set<string>();
  for (const r of ctx.ruleSet.rules) {
    if (r.kind === 'decision') types.add(r.factType);
    if (r.kind === 'annual-score' && r.adjustments) types.add(r.adjustments.factType);
  }
  last = '';
  for (const s of ctx.index.subjects.values())
    for (const type of types)
      for (const { fact } of s.records.get(type) ?? []) if (fact.occurredOn > last) last = fact.occurredOn;
  lastCutoffFacts.set(ctx.index, last);
  return last;
}

/** Whether a cut-off date can change the evaluation's results (its kind's stage says). */
export function dependsOnCutoff(ctx: Context, rule: EvaluationRule): boolean {
  return stageOf(rule).dependsOnCutoff(ctx, rule);
}

export function evaluateScore(
  ctx: Context,
  rule: RuleOfKind<'score'>,
  period: Period,
  options: EvaluateOptions,
): Result[] {
  const popUsed: UsedParameters = {};
  const members = population(ctx, rule.subject, period, rule.population, popUsed);
  const results: Result[] = [];
  const shared = new ParameterRecords();
  // The whole period as tally's day ranges, one list for every member (not one per call).
  const whole: readonly [number, number][] = [[period.startDay, period.endDay]];
  let base = 0;
  const shown = measuresShown(ctx, rule.subject, rule.evaluation);
  // The values every result of the period records first (the population's, then the score's base,
  // cap and floor), looked up once per period, with and without the base, and copied into each
  // result's record.
  const starts = new Map<boolean, { used: UsedParameters; limits: ScoreLimits }>();
  const startOf = (withBase: boolean) => {
    let start = starts.get(withBase);
    if (!start) {
      const used = copyUsed(popUsed);
      start = { used, limits: scoreLimits(ctx, rule, period, used, withBase) };
      starts.set(withBase, start);
    }
    return start;
  };
  for (const { subject: s, days } of members) {
    const t = tally(ctx, s, period, true, whole);
    const memberSpec = rule.members;
    const fromMembers = memberSpec
      ? memberMean(
          ctx,
          memberSpec,
          s,
          period,
          (m) => resultFor(ctx, memberSpec.evaluation, period.id, m)?.score,
        )
      : undefined;
    const start = startOf(fromMembers === undefined);
    const used = copyUsed(start.used);
    const sc = scoreOf(ctx, rule, t, period, used, start.limits, fromMembers?.mean);
    base = sc.base;
    const measured = measureItems(ctx, s, period, shown);
    // tally's list is this result's own: extended only when measures show here.
    const items = measured.length === 0 ? t.items : [...t.items, ...measured];
    const result: Result = { subject: s.subject, score: sc.score, items };
    const explanation: Record<string, unknown> = {
      rule: rule.id,
      base: sc.base,
      deductions: t.deductions,
      bonuses: t.bonuses,
      bonusCounted: sc.bonus,
      daysOnRoster: days,
    };
    if (sc.capped) explanation.bonusCapped = true;
    if (fromMembers) explanation.members = fromMembers.scores;
    if (sc.areaCapped) explanation.areaCapped = sc.areaCapped;
    if (sc.atCeiling !== undefined) explanation.ceiling = sc.atCeiling;
    noteRoster(ctx, s, period, explanation);
    if (rule.tiers)
      applyTier(ctx, rule.tiers, rule.decision, s, result, period, used, explanation, options.beforeDate);
    explanation.parameters = shared.share(used);
    result.explanation = explanation;
    results.push(result);
  }
  if (rule.ranking) {
    const ranking = ctx.ruleSet.rulesById.get(rule.ranking);
    if (ranking?.kind === 'ranking') shared.addToAll(rank(ctx, ranking, results, base, period));
  } else results.sort(bySubject);
  return results;
}

export function evaluateAnnual(
  ctx: Context,
  rule: RuleOfKind<'annual-score'>,
  period: Period,
  options: EvaluateOptions,
): Result[] {
  const inner = ctx.evaluations.get(rule.meanOf);
  if (!inner) return [];
  // By the subject's index entry (found from the result's ref), not a key string per result.
  const scores = new Map<SubjectFacts, { subject: SubjectFacts['subject']; scores: number[]; n: number }>();
  // Periods before (or after) the rule set's range have no score: they are not averaged in.
  const ids = periodsWithin(period.id, inner.cadence)
    .filter((p) => inForcePart(ctx.ruleSet.manifest.effective, p))
    .map((p) => p.id);
  // Indexed loops: a `for…of` over `entries()` makes an array per period and per subject.
  for (let i = 0; i < ids.length; i++) {
    for (const r of evaluateKind(ctx, rule.meanOf, ids[i] as string, options)) {
      if (r.score === undefined) continue;
      const s = subjectFacts(ctx, r.subject);
      if (!s) continue;
      let entry = scores.get(s);
      if (!entry) {
        entry = { subject: r.subject, scores: [], n: 0 };
        scores.set(s, entry);
      }
      entry.scores[i] = r.score;
      entry.n++;
    }
  }
  // Every period's score, by period id in period order: a subject scored in all of them gets a
  // clone of one record whose properties are then overwritten, not added one by one.
  const allPeriods: Record<string, number> = {};
  for (const id of ids) allPeriods[id] = 0;
  const results: Result[] = [];
  const shared = new ParameterRecords();
  for (const [s, { subject, scores: byPeriod, n }] of scores) {
    const periods: Record<string, number> = n === ids.length ? { ...allPeriods } : {};
    const values: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const score = byPeriod[i];
      if (score === undefined) continue;
      periods[ids[i] as string] = score;
      values.push(score);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const items: Item[] = [];
    let adjustment = 0;
    const adjustments = rule.adjustments && s.records.get(rule.adjustments.factType);
    if (rule.adjustments && adjustments) {
      const { yearField } = rule.adjustments;
      const year = Number(period.id.slice(0, 4));
      const groups = new ItemGroups();
      for (const { fact } of adjustments) {
        if (
          fact.data[yearField] !== year ||
          (options.beforeDate !== undefined && fact.occurredOn >= options.beforeDate)
        )
          continue;
        const points = Number(fact.data.points) || 0;
        adjustment += points;
        const item = groups.create(fact.id, {
          provision: rule.provisions[0] ?? '',
          rule: rule.id,
          effect: 'adjustment',
          factIds: [],
        });
        groups.count(item, fact.id, points);
      }
      items.push(...groups.items());
    }
    const used: UsedParameters = {};
    const score = mean + adjustment;
    const result: Result = { subject, score, items };
    const explanation: Record<string, unknown> = {
      rule: rule.id,
      meanOf: rule.meanOf,
      periods,
      mean,
      adjustments: adjustment,
    };
    noteRoster(ctx, s, period, explanation);
    if (rule.tiers)
      applyTier(ctx, rule.tiers, rule.decision, s, result, period, used, explanation, options.beforeDate);
    explanation.parameters = shared.share(used);
    result.explanation = explanation;
    results.push(result);
  }
  results.sort(bySubject);
  if (rule.ranking) rankAveraged(ctx, rule, inner, results, period, shared);
  return results;
}

const byRefOf = new WeakMap<Context['index'], Map<SubjectRef, SubjectFacts>>();

/** A subject's index entry from a result's ref (results share the index's refs; else by key). */
function subjectFacts(ctx: Context, ref: SubjectRef): SubjectFacts | undefined {
  let byRef = byRefOf.get(ctx.index);
  if (!byRef) {
    byRef = new Map();
    for (const s of ctx.index.subjects.values()) byRef.set(s.subject, s);
    byRefOf.set(ctx.index, byRef);
  }
  return byRef.get(ref) ?? ctx.index.subjects.get(subjectKey(ref));
}

/** Ranks an averaged evaluation (a quarterly comparison from monthly scores) like a score one. */
function rankAveraged(
  ctx: Context,
  rule: RuleOfKind<'annual-score'>,
  inner: EvaluationRule,
  results: Result[],
  period: Period,
  shared: ParameterRecords,
): void {
  const ranking = ctx.ruleSet.rulesById.get(rule.ranking ?? '');
  if (ranking?.kind !== 'ranking') return;
  // The base the bottom-group exemption compares with is the averaged score's base.
  const base = inner.kind === 'score' ? ctx.params.number(inner.base, period.start) : 0;
  shared.addToAll(rank(ctx, ranking, results, base, period));
}

export function evaluateReport(
  ctx: Context,
  rule: RuleOfKind<'report'>,
  period: Period,
  _options: EvaluateOptions = {},
): Result[] {
  const results: Result[] = [];
  for (const kind of rule.subjects) {
    const used: UsedParameters = {};
    for (const { subject: s, days } of population(ctx, kind, period, rule.population, used)) {
      const groups = new ItemGroups();
      // Each entry's item as its rule's kind makes it, for the rules that name this report.
      const reports = ruleItems(ctx.classifier).report(rule.evaluation);
      const rules = ctx.classifier.rules;
      for (const entry of entriesIn(s, period))
        reports[entry.rule]?.(ctx, groups, entry, rules[entry.rule] as (typeof rules)[number]);
      const items = [
        ...groups.items(),
        ...measureItems(ctx, s, period, measuresShown(ctx, kind, rule.evaluation)),
      ];
      const explanation: Record<string, unknown> = { rule: rule.id, daysOnRoster: days };
      noteRoster(ctx, s, period, explanation);
      explanation.parameters = used;
      results.push({ subject: s.subject, items, explanation });
    }
  }
  return results.sort(bySubject);
}

/** Says in every result's explanation that only the in-force part of the period was counted. */
function noteInForce(ctx: Context, part: InForce, results: Result[]): void {
  const note = inForceNote(part, ctx.ruleSet.manifest.effective);
  for (const r of results) if (r.explanation) r.explanation.inForce = note;
}

/** Under `history: dated`, the roster fact whose window, category and name the row shows. */
function noteRoster(ctx: Context, s: SubjectFacts, period: Period, explanation: Record<string, unknown>) {
  const fact = s.rosterSpans ? rowRoster(ctx, s, period) : undefined;
  if (fact) explanation.rosterFact = fact.id;
}

function entriesIn(s: SubjectFacts, period: Period) {
  return entriesBetween(s, period.startDay, period.endDay);
}

const halvesOf = new Map<string, [number, number]>();
const measureRulesOf = new WeakMap<Context['classifier'], Map<string, number[]>>();

/** The measure rules (indexes into Classifier.rules) whose items an evaluation shows for a subject kind. */
function measuresShown(ctx: Context, kind: string, evaluation: string): number[] {
  let byKey = measureRulesOf.get(ctx.classifier);
  if (!byKey) {
    byKey = new Map();
    measureRulesOf.set(ctx.classifier, byKey);
  }
  const key = `${kind}|${evaluation}`;
  let shown = byKey.get(key);
  if (!shown) {
    const takers = ruleItems(ctx.classifier).items;
    const list: number[] = [];
    ctx.classifier.rules.forEach((rule, index) => {
      const taker = takers[index];
      if (taker?.summed && rule.subject === kind && taker.reports?.includes(evaluation)) list.push(index);
    });
    shown = list;
    byKey.set(key, shown);
  }
  return shown;
}

/** Items of the rules summed per half-month (measures) shown in this evaluation: no fact ids. */
function measureItems(ctx: Context, s: SubjectFacts, period: Period, shown: readonly number[]): Item[] {
  const items: Item[] = [];
  if (shown.length === 0) return items;
  const takers = ruleItems(ctx.classifier).items;
  let halves = halvesOf.get(period.id);
  if (!halves) {
    // By id: a period cut to the rule set's range keeps its id, and this cache is shared.
    const ids = period.cadence === 'half-month' ? [period.id] : periodsWithin(period.id, 'half-month');
    halves = [periodIndex(ids[0] ?? period.id), periodIndex(ids[ids.length - 1] ?? period.id)];
    halvesOf.set(period.id, halves);
  }
  for (const index of shown) {
    const summed = takers[index]?.summed;
    if (summed) items.push(summed(ctx, s.measures?.total(halves[0], halves[1], index) ?? [0, 0, 0]));
  }
  return items;
}

function applyTier(
  ctx: Context,
  tiersId: string,
  decisionId: string | undefined,
  s: SubjectFacts,
  result: Result,
  period: Period,
  used: UsedParameters,
  explanation: Record<string, unknown>,
  beforeDate: string | undefined,
): void {
  const tiers = ctx.ruleSet.rulesById.get(tiersId);
  if (tiers?.kind !== 'tiers' || result.score === undefined) return;
  const t = tierResult(ctx, tiers, decisionId, s, result.score, period, used, beforeDate);
  result.tier = t.tier;
  if (t.decisionFactId) {
    explanation.decision = t.decisionFactId;
    result.items.push({
      provision: ctx.ruleSet.rulesById.get(decisionId ?? '')?.provisions[0] ?? '',
      rule: decisionId ?? '',
      effect: 'record',
      factIds: [t.decisionFactId],
    });
  }
  if (t.ignoredDecision) explanation.ignoredDecision = t.ignoredDecision;
}

function bySubject(a: Result, b: Result): number {
  return a.subject.kind < b.subject.kind
    ? -1
    : a.subject.kind > b.subject.kind
      ? 1
      : a.subject.id < b.subject.id
        ? -1
        : a.subject.id > b.subject.id
          ? 1
          : 0;
}

function example(cadence: string): string {
  return (
    { 'half-month': '2018-01-H2', month: '2018-03', quarter: '2018-Q1', year: '2018' }[cadence] ?? cadence
  );
}
