// Per-area deduction caps (思想品德 10 分，扣完为止: an area never loses more than its points) and
// the score ceiling (最高 110 分). Both are options of a score rule; without them nothing changes.
import type { Period } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import type { Context } from './context.js';
import type { UsedParameters } from './params.js';
import type { Item } from './types.js';

export interface CappedArea {
  deducted: number;
  cap: number;
}

/** Deductions after each capped area's cap, and the areas whose cap took effect. */
export function capAreaDeductions(
  ctx: Context,
  caps: Record<string, string>,
  items: Item[],
  deductions: number,
  period: Period,
  used: UsedParameters,
): { deductions: number; capped: Record<string, CappedArea> } {
  const lost = new Map<string, number>();
  for (const item of items) {
    if (item.effect === 'measure' || item.points === undefined || item.points >= 0 || !item.area) continue;
    lost.set(item.area, (lost.get(item.area) ?? 0) - item.points);
  }
  const capped: Record<string, CappedArea> = {};
  let total = deductions;
  for (const area of Object.keys(caps).sort()) {
    const cap = ctx.params.number(caps[area] as string, period.start, used);
    const deducted = lost.get(area) ?? 0;
    if (deducted > cap) {
      total -= deducted - cap;
      capped[area] = { deducted, cap };
    }
  }
  return { deductions: total, capped };
}

/** The ceiling of a score rule on the period's first day, or +∞. */
export function ceilingOf(
  ctx: Context,
  rule: RuleOfKind<'score'>,
  period: Period,
  used: UsedParameters,
): number {
  return rule.ceiling ? ctx.params.number(rule.ceiling, period.start, used) : Number.POSITIVE_INFINITY;
}
