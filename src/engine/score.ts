// Score of one subject over one period: base − deductions + min(bonuses, cap), floored; with the
// items that explain it. Ratio bands and roll-ups (a window answering for its staff) included.

import { getOrInsert } from '../model/collections.js';
import type { Period } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import { type CappedArea, capAreaDeductions, ceilingOf } from './area-caps.js';
import { type Context, groupRanges } from './context.js';
import { CountedGroups } from './every-n.js';
import { entriesBetween, type SubjectFacts } from './fact-index.js';
import { factPoints, factQuantity } from './fact-price.js';
import { ItemGroups } from './items.js';
import { DerivedEntries } from './once-per.js';
import type { UsedParameters } from './params.js';
import { scaledQuantity } from './scaled-points.js';
import type { Item } from './types.js';

export interface Tally {
  items: Item[];
  deductions: number; // positive number of points lost
  bonuses: number;
  deductionFactIds: string[];
}

/**
 * Items of the point-bearing rules (fact-points, ratio-points, roll-ups) for a subject and period;
 * `ranges` (day ranges within the period) narrows the facts, e.g. to a member's days in a group.
 */
export function tally(
  ctx: Context,
  s: SubjectFacts,
  period: Period,
  withRollups = true,
  ranges: readonly [number, number][] = [[period.startDay, period.endDay]],
): Tally {
  const groups = new ItemGroups();
  const rules = ctx.classifier.rules;
  let deductions = 0;
  let bonuses = 0;
  const deductionFactIds: string[] = [];
  const ratios = new Map<number, { num: number; den: number; ids: string[] }>();
  let counted: CountedGroups | undefined;
  let derived: DerivedEntries | undefined;
  const entries =
    ranges.length === 1
      ? entriesBetween(s, ranges[0]?.[0] ?? 0, ranges[0]?.[1] ?? -1)
      : ranges.flatMap(([lo, hi]) => entriesBetween(s, lo, hi));
  for (const entry of entries) {
    const rule = rules[entry.rule];
    if (!rule) continue;
    if (rule.kind === 'ratio-points') {
      const r = getOrInsert(ratios, entry.rule, () => ({ num: 0, den: 0, ids: [] as string[] }));
      r.num += entry.numerator ?? 0;
      r.den += entry.denominator ?? 0;
      r.ids.push(entry.id);
      continue;
    }
    if (rule.kind !== 'fact-points' || rule.effect === 'record') continue;
    if (rule.every) {
      counted ??= new CountedGroups();
      counted.add(entry.rule, rule as Parameters<CountedGroups['add']>[1], entry);
      continue;
    }
    if (rule.once) {
      derived ??= new DerivedEntries();
      derived.add(entry.rule, rule as Parameters<DerivedEntries['add']>[1], entry);
      continue;
    }
    const paramName = rule.codes ? rule.codes[entry.code ?? ''] : rule.points;
    if (!paramName) continue;
    const unit = factPoints(ctx, paramName, entry);
    let quantity = 1;
    let scaleUsed: UsedParameters | undefined;
    if (rule.scale) {
      scaleUsed = {};
      quantity = factQuantity(ctx, rule.scale, entry, scaleUsed);
    }
    const points = unit * quantity;
    const signed = rule.effect === 'deduction' ? -points : rule.effect === 'bonus' ? points : 0;
    if (rule.effect === 'deduction') {
      deductions += points;
      deductionFactIds.push(entry.id);
    } else if (rule.effect === 'bonus') bonuses += points;
    const key = `${entry.rule}|${entry.code ?? ''}|${unit}`;
    const item =
      groups.get(key) ??
      groups.create(key, baseItem(ctx, rule, entry.code, { [paramName]: unit, ...scaleUsed }));
    groups.count(item, entry.id, signed);
    if (rule.scale) item.value = (item.value ?? 0) + quantity;
  }
  for (const c of [...(counted?.price(ctx, rules) ?? []), ...(derived?.price(ctx, rules) ?? [])]) {
    if (c.rule.effect === 'deduction') {
      deductions += c.points;
      deductionFactIds.push(...c.factIds);
    } else if (c.rule.effect === 'bonus') bonuses += c.points;
    groups.put({
      ...baseItem(ctx, c.rule, c.code, c.used),
      ...c.item,
      points: c.rule.effect === 'deduction' ? -c.points : c.rule.effect === 'bonus' ? c.points : 0,
      factIds: c.factIds,
    });
  }
  for (const [ruleIndex, r] of ratios) {
    const rule = rules[ruleIndex] as RuleOfKind<'ratio-points'>;
    const band = ratioBand(ctx, rule, r.num, r.den, period);
    if (!band) continue;
    if (band.effect === 'deduction') deductions += band.points;
    else bonuses += band.points;
    groups.put({
      ...baseItem(ctx, rule, undefined, band.used),
      effect: band.effect,
      points: band.effect === 'deduction' ? -band.points : band.points,
      value: r.den > 0 ? r.num / r.den : 0,
      count: r.ids.length,
      factIds: [...r.ids],
    });
  }
  if (withRollups) {
    for (const rule of ctx.ruleSet.rules) {
      if (rule.kind !== 'rollup' || rule.subject !== s.subject.kind) continue;
      const members = ctx.index.groups.get(s.key) ?? [];
      let memberDeductions = 0;
      const ids: string[] = [];
      for (const m of members) {
        if (m.subject.kind !== rule.from) continue;
        // A member's deductions count toward the group their roster named on each fact's day.
        const days = groupRanges(ctx, m, s.subject.id, period);
        if (days.length === 0) continue;
        const t = tally(ctx, m, period, false, days);
        memberDeductions += t.deductions;
        ids.push(...t.deductionFactIds);
      }
      if (memberDeductions === 0) continue;
      const used: UsedParameters = {};
      const factor = ctx.params.number(rule.factor, period.start, used);
      const points = factor * memberDeductions;
      deductions += points;
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
  return { items: groups.items(), deductions, bonuses, deductionFactIds };
}

function ratioBand(ctx: Context, rule: RuleOfKind<'ratio-points'>, num: number, den: number, period: Period) {
  if (den <= 0) return undefined;
  const share = num / den;
  for (const band of rule.bands) {
    const used: UsedParameters = {};
    const hit =
      band.atLeast !== undefined
        ? share >= ctx.params.number(band.atLeast, period.start, used)
        : band.below !== undefined && share < ctx.params.number(band.below, period.start, used);
    if (!hit) continue;
    let points = ctx.params.number(band.points, period.start, used);
    if (band.scale) {
      const bound = used[band.atLeast ?? band.below ?? ''] as number;
      const distance = band.atLeast !== undefined ? share - bound : bound - share;
      points *= scaledQuantity(ctx, band.scale, distance, period.start, used);
    }
    return { effect: band.effect, points, used };
  }
  return undefined;
}

export function baseItem(
  ctx: Context,
  rule: RuleOfKind<'fact-points' | 'ratio-points' | 'rollup' | 'measure'>,
  code: string | undefined,
  used: UsedParameters,
): Item {
  const provision = code
    ? (ctx.ruleSet.findingCodes.get(code)?.provision ?? rule.provisions[0])
    : rule.provisions[0];
  const item: Item = { provision: provision ?? '', rule: rule.id, factIds: [] };
  if (code) item.code = code;
  if (rule.kind === 'fact-points') item.effect = rule.effect;
  if (Object.keys(used).length > 0) item.parameters = used;
  item.dimension = rule.dimension;
  item.area = rule.area;
  if (rule.kind === 'fact-points' && rule.severity) item.severity = rule.severity;
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

export function scoreOf(
  ctx: Context,
  rule: RuleOfKind<'score'>,
  t: Tally,
  period: Period,
  used: UsedParameters,
  /** a base other than the rule's (the members' mean score) */
  startFrom?: number,
): ScoreParts {
  const base = startFrom ?? ctx.params.number(rule.base, period.start, used);
  const cap = rule.bonusCap ? ctx.params.number(rule.bonusCap, period.start, used) : Number.POSITIVE_INFINITY;
  const floor = rule.floor ? ctx.params.number(rule.floor, period.start, used) : Number.NEGATIVE_INFINITY;
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
