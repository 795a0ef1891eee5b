// When each finding code starts having points. A revision may add a code whose points start after
// its effective.from; before that day a finding with the code cannot be priced, so it is refused at
// ingest (schemas/vocabulary.ts) and named by `kaohe lint`, rather than failing an evaluation.
import { checksOf } from './kind-checks.js';
import type { RuleSet } from './types.js';

export interface PricedFrom {
  /** The first day every parameter that prices the code has a value. */
  from: string;
  /** The parameter whose history starts that day, named in messages. */
  parameter: string;
}

/** The codes whose points start after the rule set's effective.from (the others are always priced). */
export function lateCodes(ruleSet: RuleSet): Map<string, PricedFrom> {
  const late = new Map<string, PricedFrom>();
  const start = ruleSet.manifest.effective.from;
  for (const rule of ruleSet.rules) {
    // A finding is priced on its own day by every parameter its rule's kind says prices its code.
    for (const [field, parameter] of checksOf(rule)?.parameters?.(rule) ?? []) {
      const from = parameter ? ruleSet.parameters.get(parameter)?.values[0]?.from : undefined;
      if (!parameter || !from || from <= start) continue;
      for (const code of field.codes ?? [])
        if (from > (late.get(code)?.from ?? '')) late.set(code, { from, parameter });
    }
  }
  return late;
}
