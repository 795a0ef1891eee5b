// One evaluation context: a rule set, its parameters and a FactIndex, with caches so that many
// evaluations and verdicts over the same facts share their work (a verdict needs every past
// quarter's ranking; those are computed once per context).

import type { StoredFact } from '../model/fact.js';
import { dayNumber, daysOverlap, type Period } from '../periods/index.js';
import { definesEvaluation } from '../rules/kind-checks.js';
import type { EvaluationRule as DefiningRule } from '../rules/rule-kinds.js';
import type { Population, RuleSet, SubjectKindName } from '../rules/types.js';
import type { Classifier } from './classify.js';
import type { FactIndex, SubjectFacts } from './fact-index.js';
import type { Parameters, UsedParameters } from './params.js';
import { factOn, rangesWhere } from './roster-spans.js';
import type { Result } from './types.js';

export type EvaluationRule = DefiningRule;

export class EvaluationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Context {
  ruleSet: RuleSet;
  params: Parameters;
  classifier: Classifier;
  index: FactIndex;
  /** evaluation id → rule defining it */
  evaluations: Map<string, EvaluationRule>;
  cache: Map<string, Result[]>;
}

export function evaluationRules(ruleSet: RuleSet): Map<string, EvaluationRule> {
  const map = new Map<string, EvaluationRule>();
  for (const r of ruleSet.rules) {
    if (definesEvaluation(r)) map.set(r.evaluation, r);
  }
  return map;
}

export function rosterSpec(ctx: Pick<Context, 'ruleSet'>, kind: SubjectKindName) {
  return ctx.ruleSet.manifest.scope.rosters[kind];
}

/** Days the subject is on the roster within the period (whole period when the roster has no dates). */
export function daysOnRoster(ctx: Context, s: SubjectFacts, period: Period): number {
  const spec = rosterSpec(ctx, s.subject.kind);
  if (!s.roster || !spec) return 0;
  if (!spec.from) return period.endDay - period.startDay + 1;
  const from = s.roster.data[spec.from];
  const to = spec.to ? s.roster.data[spec.to] : undefined;
  return daysOverlap(
    period,
    typeof from === 'string' ? from : undefined,
    typeof to === 'string' ? to : undefined,
  );
}

/**
 * The roster fact a row of the period shows (window, category, name): under `history: dated` the
 * one in force on the period's last day on the roster; under `latest` the latest.
 */
export function rowRoster(
  ctx: Pick<Context, 'ruleSet'>,
  s: SubjectFacts,
  period: Period,
): StoredFact | undefined {
  if (!s.rosterSpans) return s.roster;
  const spec = rosterSpec(ctx, s.subject.kind);
  const to = spec?.to ? s.roster?.data[spec.to] : undefined;
  const day = typeof to === 'string' ? Math.min(period.endDay, dayNumber(to)) : period.endDay;
  return factOn(s.rosterSpans, day);
}

/** Day ranges of the period in which `member`'s roster named `group` (all of it under `latest`). */
export function groupRanges(
  ctx: Context,
  member: SubjectFacts,
  group: string,
  period: Period,
): [number, number][] {
  const field = rosterSpec(ctx, member.subject.kind)?.group;
  if (!member.rosterSpans || !field) return [[period.startDay, period.endDay]];
  return rangesWhere(member.rosterSpans, field, group, period.startDay, period.endDay);
}

/** The subjects of `kind` in the population of a period, with their days on the roster. */
export function population(
  ctx: Context,
  kind: SubjectKindName,
  period: Period,
  spec: Population | undefined,
  used: UsedParameters,
): { subject: SubjectFacts; days: number }[] {
  const minDays = spec?.minDaysOnRoster ? ctx.params.number(spec.minDaysOnRoster, period.start, used) : 1;
  const out: { subject: SubjectFacts; days: number }[] = [];
  for (const s of ctx.index.byKind.get(kind) ?? []) {
    const days = daysOnRoster(ctx, s, period);
    if (days >= Math.max(1, minDays)) out.push({ subject: s, days });
  }
  return out;
}
