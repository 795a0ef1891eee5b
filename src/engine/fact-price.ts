// A fact's points and scale, by the values in force on its day. A fact the rule set cannot price
// that day (a code whose points or scale start later, stored before ingest refused such facts) is
// the request's problem, named by fact id, code, parameter and date, never an internal error.
import type { Scale } from '../rules/types.js';
import { type Context, EvaluationError } from './context.js';
import type { Entry } from './fact-index.js';
import { ParameterError, type UsedParameters } from './params.js';
import { scaledQuantity } from './scaled-points.js';

/** A stored fact the rule set in force cannot price on its day: the evaluation is refused (422). */
export class UnpricedFactError extends EvaluationError {
  constructor(
    readonly factId: string,
    message: string,
  ) {
    super('unpriced-fact', message);
  }
}

type FactEntry = Pick<Entry, 'id' | 'date' | 'code'> & { day?: number };

export function factPoints(
  ctx: Pick<Context, 'params' | 'ruleSet'>,
  parameter: string,
  entry: FactEntry,
  used?: UsedParameters,
): number {
  try {
    if (entry.day === undefined) return ctx.params.number(parameter, entry.date, used);
    const v = ctx.params.atDay(parameter, entry.day, entry.date, used);
    if (typeof v === 'number') return v;
    return ctx.params.number(parameter, entry.date, used); // not a number: its error
  } catch (error) {
    throw unpriced(ctx, entry, 'has no points', error);
  }
}

/** How many times a fact's points count under its rule's scale, `per` read on the fact's day. */
export function factQuantity(
  ctx: Context,
  scale: Scale,
  entry: FactEntry & Pick<Entry, 'amount'>,
  used: UsedParameters,
): number {
  try {
    return scaledQuantity(ctx, scale, entry.amount ?? 0, entry.date, used);
  } catch (error) {
    throw unpriced(ctx, entry, 'cannot be scaled', error);
  }
}

function unpriced(ctx: Pick<Context, 'ruleSet'>, entry: FactEntry, what: string, error: unknown): unknown {
  if (!(error instanceof ParameterError)) return error;
  const code = entry.code === undefined ? '' : ` (finding code ${entry.code})`;
  return new UnpricedFactError(
    entry.id,
    `fact ${entry.id}${code} on ${entry.date} ${what} in rule set ${ctx.ruleSet.manifest.version}: ${error.message}`,
  );
}
