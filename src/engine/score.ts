// Score of one subject over one period: base − deductions + min(bonuses, cap), floored; with the
// items that explain it. Each entry is counted by what its rule's kind prepared for the rule
// (stages.ts `ruleItems`: fact-points, ratio bands…); roll-ups (a window answering for its staff)
// after them.

import { getOrInsert } from '../model/collections.js';
import type { Period } from '../periods/index.js';
import type { Rule, RuleOfKind, RuleSet } from '../rules/types.js';
import { type CappedArea, capAreaDeductions, ceilingOf } from './area-caps.js';
import { type Context, groupRanges } from './context.js';
import { entriesBetween, type SubjectFacts } from './fact-index.js';
import type { UsedParameters } from './params.js';
import { ruleItems } from './stages.js';
import { type TallyFn, TallyState } from './taking.js';
import type { Item } from './types.js';

export interface Tally {
  items: Item[];
  deductions: number; // positive number of points lost
  bonuses: number;
  deductionFactIds: string[];
}

/**
 * Items of the point-bearing rules (those that take facts, and roll-ups) for a subject and period;
 * `ranges` (day ranges within the period) narrows the facts, e.g. to a member's days in a group.
 */
export function tally(
  ctx: Context,
  s: SubjectFacts,
  period: Period,
  withRollups = true,
  ranges: readonly [number, number][] = [[period.startDay, period.endDay]],
): Tally {
  const t = new TallyState(ctx, period);
  const counts = ruleItems(ctx.classifier).tally;
  const rules = ctx.classifier.rules;
  const entries =
    ranges.length === 1
      ? entriesBetween(s, ranges[0]?.[0] ?? 0, ranges[0]?.[1] ?? -1)
      : ranges.flatMap(([lo, hi]) => entriesBetween(s, lo, hi));
  for (const entry of entries) (counts[entry.rule] as TallyFn)(t, entry, rules[entry.rule] as Rule);
  t.close();
  const { groups } = t;
  if (withRollups) {
    for (const rule of rollupsAbout(ctx.ruleSet, s.subject.kind)) {
      const members = ctx.index.groups.get(s.key) ?? [];
      let memberDeductions = 0;
      const ids: string[] = [];
      for (const m of members) {
        if (m.subject.kind !== rule.from) continue;
        // A member's deductions count toward the group their roster named on each fact's day.
        const days = groupRanges(ctx, m, s.subject.id, period);
        if (days.length === 0) continue;
        const mt = tally(ctx, m, period, false, days);
        memberDeductions += mt.deductions;
        ids.push(...mt.deductionFactIds);
      }
      if (memberDeductions === 0) continue;
      const used: UsedParameters = {};
      const factor = ctx.params.number(rule.factor, period.start, used);
      const points = factor * memberDeductions;
      t.deductions += points;
      groups.put({
        ...baseItem(ctx, rule, undefined, used),
        effect: 'deduction',
        points: -points,
        value: memberDeductions,
        count: ids.length,
        factIds: ids.sort(),
      });
    }
  }
  return {
    items: groups.items(),
    deductions: t.deductions,
    bonuses: t.bonuses,
    deductionFactIds: t.deductionFactIds,
  };
}

const rollupsByKind = new WeakMap<RuleSet, Map<string, RuleOfKind<'rollup'>[]>>();

/** The roll-up rules about subjects of `kind`, listed once per rule set (tally runs per subject). */
function rollupsAbout(ruleSet: RuleSet, kind: string): readonly RuleOfKind<'rollup'>[] {
  let byKind = rollupsByKind.get(ruleSet);
  if (!byKind) {
    byKind = new Map();
    for (const rule of ruleSet.rules)
      if (rule.kind === 'rollup') getOrInsert(byKind, rule.subject, () => []).push(rule);
    rollupsByKind.set(ruleSet, byKind);
  }
  return byKind.get(kind) ?? [];
}

/** The rule fields an item names (any rule that yields items has them). */
export interface ItemRule {
  id: string;
  provisions: string[];
  dimension?: string;
  area?: string;
}

/** An item's common part: provision (the code's, else the rule's first), rule, code, parameters. */
export function baseItem(
  ctx: Context,
  rule: ItemRule,
  code: string | undefined,
  used: UsedParameters,
  /** the effect and severity of a rule that has them, in the order items have always shown them */
  effect?: Item['effect'],
  severity?: string,
): Item {
  const provision = code
    ? (ctx.ruleSet.findingCodes.get(code)?.provision ?? rule.provisions[0])
    : rule.provisions[0];
  const item: Item = { provision: provision ?? '', rule: rule.id, factIds: [] };
  if (code) item.code = code;
  if (effect !== undefined) item.effect = effect;
  // for…in, not Object.keys: no array made per item to learn that the record is not empty.
  for (const _ in used) {
    item.parameters = used;
    break;
  }
  item.dimension = rule.dimension;
  item.area = rule.area;
  if (severity) item.severity = severity;
  return item;
}

/** The score from a tally: base − deductions + min(bonuses, cap), never below the floor. */
export interface ScoreParts {
  score: number;
  base: number;
  bonus: number;
  capped: boolean;
  areaCapped?: Record<string, CappedArea>;
  atCeiling?: number;
}

export interface ScoreLimits {
  base: number | undefined;
  cap: number;
  floor: number;
}

/**
 * The base (unless the score starts from another), bonus cap and floor of a score rule on the
 * period, recorded in `used` in that order; the same for every subject of the period.
 */
export function scoreLimits(
  ctx: Context,
  rule: RuleOfKind<'score'>,
  period: Period,
  used: UsedParameters,
  withBase: boolean,
): ScoreLimits {
  const base = withBase ? ctx.params.number(rule.base, period.start, used) : undefined;
  const cap = rule.bonusCap ? ctx.params.number(rule.bonusCap, period.start, used) : Number.POSITIVE_INFINITY;
  const floor = rule.floor ? ctx.params.number(rule.floor, period.start, used) : Number.NEGATIVE_INFINITY;
  return { base, cap, floor };
}

export function scoreOf(
  ctx: Context,
  rule: RuleOfKind<'score'>,
  t: Tally,
  period: Period,
  used: UsedParameters,
  /** from scoreLimits, whose values `used` already records; with a base unless `startFrom` is given */
  limits: ScoreLimits,
  /** a base other than the rule's (the members' mean score) */
  startFrom?: number,
): ScoreParts {
  const base = startFrom ?? (limits.base as number);
  const { cap, floor } = limits;
  const bonus = Math.min(t.bonuses, cap);
  if (!rule.areaCaps && !rule.ceiling) {
    const score = Math.max(floor, base - t.deductions + bonus);
    return { score, base, bonus, capped: t.bonuses > cap };
  }
  const lost = rule.areaCaps
    ? capAreaDeductions(ctx, rule.areaCaps, t.items, t.deductions, period, used)
    : { deductions: t.deductions, capped: {} };
  const ceiling = ceilingOf(ctx, rule, period, used);
  const uncapped = Math.max(floor, base - lost.deductions + bonus);
  const score = Math.min(ceiling, uncapped);
  return {
    score,
    base,
    bonus,
    capped: t.bonuses > cap,
    ...(Object.keys(lost.capped).length > 0 ? { areaCapped: lost.capped } : {}),
    ...(uncapped > ceiling ? { atCeiling: ceiling } : {}),
  };
}
