// Checks of the fact contract a rule set extends: its declared fact types (a new name, a data schema
// that compiles) and the roster fields it makes optional (ones the shipped roster type requires and
// the engine does not read for this rule set).
import { declaredTypeProblem, schemaDocuments } from '../schemas/registry.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { factContract } from './fact-contract.js';
import { nearest } from './nearest.js';

export function checkFactTypes(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const shipped = factContract().factTypes;
  for (const { value: t, file, pointer } of c.factTypes) {
    if (shipped.has(t.name)) {
      errors.push(
        file.error(
          pointer,
          'shipped-fact-type',
          `fact type ${t.name} is a shipped type (schemas/fact.schema.json); a rule set may not redefine it — declare its own under another name`,
          true,
        ),
      );
      continue;
    }
    const problem = declaredTypeProblem(t);
    if (problem)
      errors.push(
        file.error(
          `${pointer}/data${problem.path}`,
          'fact-type-schema',
          `the data schema of ${t.name} is not usable: ${problem.message}`,
        ),
      );
  }

  const m = c.manifest;
  if (!m) return errors;
  for (const [kind, roster] of Object.entries(m.value.scope.rosters)) {
    if (!roster?.optional) continue;
    const required = requiredDataFields(roster.factType);
    const used = new Set([roster.from, roster.group].filter((f): f is string => f !== undefined));
    roster.optional.forEach((field, i) => {
      const at = `/scope/rosters/${kind}/optional/${i}`;
      if (used.has(field))
        errors.push(
          m.file.error(
            at,
            'roster-optional',
            `${field} cannot be optional: this roster reads it (from/group)`,
          ),
        );
      else if (!required.includes(field))
        errors.push(
          m.file.error(
            at,
            'roster-optional',
            `${roster.factType} does not require ${field}${nearest(field, required)} (required: ${required.join(', ')})`,
          ),
        );
    });
  }
  return errors;
}

/** The data fields a shipped fact type requires (none for a type the contract does not define). */
function requiredDataFields(type: string): string[] {
  const defs = (schemaDocuments().fact as { $defs?: Record<string, unknown> }).$defs ?? {};
  const def = defs[type] as { properties?: { data?: { required?: string[] } } } | undefined;
  return def?.properties?.data?.required ?? [];
}
