// The CLI loads one rule set from a directory; like the service, it answers only for dates that
// rule set is in force on, and says so instead of failing on a parameter with no value yet.
import { EvaluationError } from '../engine/context.js';
import { ParameterError } from '../engine/params.js';
import { PeriodError } from '../periods/index.js';
import type { RuleSet } from '../rules/types.js';

/** Why `ruleSet` cannot answer for `date` (the service's words), or null when it is in force. */
export function notInForce(ruleSet: RuleSet, date: string, dir: string): string | null {
  const { from, to } = ruleSet.manifest.effective;
  if (date >= from && (to === undefined || date <= to)) return null;
  const range = to === undefined ? `from ${from}` : `from ${from} to ${to}`;
  return `no rule set is in force on ${date}: ${dir} holds ${ruleSet.manifest.id} version ${ruleSet.manifest.version}, effective ${range}`;
}

/** The message of an error the input caused (unknown kind, period or staff; a parameter with no
 * value on the date), or null for a bug, which stays an internal error. */
export function inputError(error: unknown): string | null {
  const ours =
    error instanceof EvaluationError || error instanceof PeriodError || error instanceof ParameterError;
  return ours ? error.message : null;
}
