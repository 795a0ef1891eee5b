// What the fact contract (schemas/fact.schema.json) allows, read from the schema itself, so the
// loader can check that rules only name fact types and finding codes integrators can post.
import { getValidator, schemaDocuments } from '../schemas/loader.js';

let cached: { factTypes: Set<string>; findingCodes: Set<string> } | undefined;

export function factContract(): { factTypes: Set<string>; findingCodes: Set<string> } {
  if (cached) return cached;
  const factTypes = new Set<string>();
  const findingCodes = new Set<string>();
  const root = schemaDocuments().fact as Record<string, unknown>;
  // A `code` property may point to its enum through a local $ref ("#/$defs/findingCode").
  const enumsOf = (node: unknown, depth = 0): unknown[] => {
    if (!node || typeof node !== 'object' || depth > 8) return [];
    const obj = node as Record<string, unknown>;
    const out: unknown[] = Array.isArray(obj.enum) ? [...obj.enum] : [];
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
      const target = obj.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
          root,
        );
      out.push(...enumsOf(target, depth + 1));
    }
    for (const k of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(obj[k])) for (const b of obj[k] as unknown[]) out.push(...enumsOf(b, depth + 1));
    return out;
  };
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
    if (key === 'code' && parentKey === 'properties') {
      for (const v of enumsOf(obj)) if (typeof v === 'string') findingCodes.add(v);
    }
    for (const [k, v] of Object.entries(obj)) walk(v, k, key);
  };
  walk(root, undefined, undefined);
  cached = { factTypes, findingCodes };
  return cached;
}

/** Whether a finding with this code against this subject kind is a valid fact. */
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
