// Every parameter a rule reads must have a value from the rule set's first day: period-level ones
// (base, caps, ranking, tiers…) are read on the first day in force, per-fact ones (a rule's points,
// its scale, a `{param}` in its `when`) on each fact's day, and a later start would stop an
// evaluation with "no value on <date>". Only the parameters that price finding codes may start
// later (a code added by a revision): ingest refuses a finding of the code before then.
import { paramUses } from './check-params.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';

export function checkParametersInForce(c: Collected): RuleError[] {
  const from = c.manifest?.value.effective.from;
  if (!from) return [];
  /** parameter → where a rule first reads it without pricing a code (so it must be in force) */
  const used = new Map<string, { file: Collected['rules'][number]['file']; pointer: string }>();
  for (const u of paramUses(c)) if (!u.codes && !used.has(u.name)) used.set(u.name, u);
  const errors: RuleError[] = [];
  for (const { value: param, file, pointer: at } of c.parameters) {
    const use = used.get(param.name);
    if (!use || param.values.length === 0) continue;
    const first = param.values.reduce((a, b) => (b.from < a.from ? b : a));
    if (first.from > from) {
      const where = use.file.position(use.pointer);
      const reader = `${use.file.display}:${where.line}:${where.col}`;
      errors.push(
        file.error(
          `${at}/values/${first.from}`,
          'parameter-not-in-force',
          `parameter ${param.name} has no value on ${from}, the rule set's effective.from (its history starts ${first.from}), read by the rule at ${reader}`,
          true,
        ),
      );
    }
  }
  return errors;
}
