// Points scaled by a quantity: "−5 per half day of absence" (a fact's minutes per 240), "−2 per
// overdue working day" (a count field), "−1 per percentage point below the target" (a ratio's
// distance to its band bound, per 0.01). The rule's points are multiplied by the quantity.
import type { Scale } from '../rules/types.js';
import type { Context } from './context.js';
import type { UsedParameters } from './params.js';

/** How many times the points count for `amount` (a field's value, or a distance) under `scale`. */
export function scaledQuantity(
  ctx: Context,
  scale: Scale,
  amount: number,
  date: string,
  used: UsedParameters,
): number {
  const per = scale.per === undefined ? 1 : ctx.params.number(scale.per, date, used);
  if (!(per > 0) || !(amount > 0)) return 0;
  // Decimal fractions (0.6 − 0.55) / 0.01 land a hair off whole numbers: round that noise away first.
  const exact = Math.round((amount / per) * 1e9) / 1e9;
  const round = scale.round ?? 'up';
  return round === 'up' ? Math.ceil(exact) : round === 'down' ? Math.floor(exact) : exact;
}
