// A fact's points, by the value in force on its day. A fact the rule set cannot price that day
// (a code whose points start later, stored before ingest refused such facts) is the request's
// problem, named by fact id, code and date, never an internal error.
import { type Context, EvaluationError } from './context.js';
import type { Entry } from './fact-index.js';
import { ParameterError, type UsedParameters } from './params.js';

/** A stored fact the rule set in force cannot price on its day: the evaluation is refused (422). */
export class UnpricedFactError extends EvaluationError {
  constructor(
    readonly factId: string,
    message: string,
  ) {
    super('unpriced-fact', message);
  }
}

export function factPoints(
  ctx: Pick<Context, 'params' | 'ruleSet'>,
  parameter: string,
  entry: Pick<Entry, 'id' | 'date' | 'code'>,
  used?: UsedParameters,
): number {
  try {
    return ctx.params.number(parameter, entry.date, used);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    const what = entry.code === undefined ? '' : ` (finding code ${entry.code})`;
    throw new UnpricedFactError(
      entry.id,
      `fact ${entry.id}${what} on ${entry.date} has no points in rule set ${ctx.ruleSet.manifest.version}: ${error.message}`,
    );
  }
}
