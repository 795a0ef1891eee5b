// What the fact contract (schemas/fact.schema.json) allows, read from the schema itself, so the
// loader can check that rules only name fact types integrators can post. Finding codes are not
// the contract's: each rule set defines its own (finding-codes.yaml).
import { getValidator, schemaDocuments } from '../schemas/loader.js';

let cached: { factTypes: Set<string> } | undefined;

export function factContract(): { factTypes: Set<string> } {
  if (cached) return cached;
  const factTypes = new Set<string>();
  const root = schemaDocuments().fact as Record<string, unknown>;
  const walk = (node: unknown, key: string | undefined, parentKey: string | undefined) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, undefined, key);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (key === 'type' && parentKey === 'properties') {
      if (typeof obj.const === 'string') factTypes.add(obj.const);
      if (Array.isArray(obj.enum)) for (const v of obj.enum) if (typeof v === 'string') factTypes.add(v);
    }
    for (const [k, v] of Object.entries(obj)) walk(v, k, key);
  };
  walk(root, undefined, undefined);
  cached = { factTypes };
  return cached;
}

/** Whether a finding with this code against this subject kind has the contract's form. */
export function findingAllowed(code: string, subjectKind: string): boolean {
  const validate = getValidator('fact');
  return validate({
    id: 'contract-check',
    type: 'finding',
    subject: { kind: subjectKind, id: 'X1' },
    occurredOn: '2018-01-01',
    data: { code },
  }) as boolean;
}
