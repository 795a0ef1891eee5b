// A period-level parameter (base, caps, ranking, tiers…) must have a value from the rule set's first
// day: evaluations read it on the first day in force, and a later start would stop them with "no
// value on <date>".
import { paramUses } from './check-params.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { checksOf } from './kind-checks.js';

export function checkParametersInForce(c: Collected): RuleError[] {
  const from = c.manifest?.value.effective.from;
  if (!from) return [];
  // Fact-points and measure rules read their parameters on each fact's day, so those may start
  // later (a code added by a revision); period-level ones are read from the first day in force.
  const factDay = c.rules.filter((r) => checksOf(r.value)?.paramsOnFactDay);
  const used = new Set(
    paramUses(c)
      .filter((u) => !factDay.some((r) => r.file === u.file && u.pointer.startsWith(`${r.pointer}/`)))
      .map((u) => u.name),
  );
  const errors: RuleError[] = [];
  for (const { value: param, file, pointer: at } of c.parameters) {
    if (!used.has(param.name) || param.values.length === 0) continue;
    const first = param.values.reduce((a, b) => (b.from < a.from ? b : a));
    if (first.from > from)
      errors.push(
        file.error(
          `${at}/values/${first.from}`,
          'parameter-not-in-force',
          `parameter ${param.name} has no value on ${from}, the rule set's effective.from (its history starts ${first.from})`,
          true,
        ),
      );
  }
  return errors;
}
