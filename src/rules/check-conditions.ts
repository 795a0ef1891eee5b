// Field checks: every data field a rule names — in a `when`, or as the field a measure sums or a
// ratio divides — must be a field of the fact type's data schema. A misspelt field would otherwise
// never match and the rule would silently count nothing.

import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { ENVELOPE_FIELDS, ENVELOPE_PREFIX, factDataFields } from './fact-fields.js';
import { checksOf } from './kind-checks.js';
import { nearest } from './nearest.js';
import type { Condition } from './types.js';

export function checkConditionFields(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const fieldsOf = new Map(factDataFields());
  for (const { value: t } of c.factTypes) fieldsOf.set(t.name, new Set(Object.keys(t.data.properties ?? {})));
  for (const { value: rule, file, pointer: at } of c.rules) {
    const dataFields = checksOf(rule)?.dataFields;
    if (!dataFields || !('factType' in rule)) continue;
    const fields = fieldsOf.get(rule.factType);
    if (!fields) continue; // an unknown fact type is reported by the reference checks
    const check = (path: string, name: string, atKey = false) => {
      if (name.startsWith(ENVELOPE_PREFIX)) {
        const field = name.slice(ENVELOPE_PREFIX.length);
        if (!(ENVELOPE_FIELDS as readonly string[]).includes(field))
          errors.push(
            file.error(
              `${at}${path}`,
              'unknown-field',
              `the fact envelope has no field ${field} a condition can test (${ENVELOPE_FIELDS.join(', ')})${nearest(field, ENVELOPE_FIELDS)}`,
              atKey,
            ),
          );
        return;
      }
      if (!fields.has(name))
        errors.push(
          file.error(
            `${at}${path}`,
            'unknown-field',
            `fact type ${rule.factType} has no data field ${name}${nearest(name, fields)} (fields: ${[...fields].sort().join(', ')})`,
            atKey,
          ),
        );
    };
    if ('when' in rule && rule.when)
      for (const [path, name] of namedFields(rule.when, '/when')) check(`${path}/fact`, name);
    for (const [path, name] of dataFields(rule)) check(path, name);
  }
  return errors;
}

function namedFields(cond: Condition, path: string): [string, string][] {
  if ('all' in cond) return cond.all.flatMap((x, i) => namedFields(x, `${path}/all/${i}`));
  if ('any' in cond) return cond.any.flatMap((x, i) => namedFields(x, `${path}/any/${i}`));
  if ('not' in cond) return namedFields(cond.not, `${path}/not`);
  return [[path, cond.fact]];
}
