// The fact contract as a rule set extends it: fact types of the regulation's own (their data fields
// as JSON Schema) and shipped required fields it does not use (a roster's dispatchingUnit). The
// extension is applied to a copy of schemas/fact.schema.json, so a declared type is validated by the
// same discriminated union, and its errors read like the shipped types'. Compiled once per shape.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { canonicalJson, sha256 } from '../explain/canonical.js';
import type { FactTypeDeclaration } from './generated/fact-types.js';
import {
  compileSchema,
  getValidator,
  metaSchemaErrors,
  type SchemaDocument,
  schemaDocuments,
} from './loader.js';

/** A fact type a rule set declares (rules/fact-types.yaml): its entry there, with its name. */
export type DeclaredFactType = FactTypeDeclaration & { name: string };

export interface ContractExtension {
  factTypes: readonly DeclaredFactType[];
  /** shipped fact type → required data fields made optional */
  optional: Readonly<Record<string, readonly string[]>>;
}

/** Where a declared type's branch sits in the extended document (apart from the shipped $defs names). */
export const declaredDef = (name: string) => `declared-${name}`;

type Node = Record<string, unknown>;

/** The fact document extended; throws (Ajv's message) when a declared data schema does not compile. */
export function extendedFactDocument(ext: ContractExtension): SchemaDocument {
  const doc = schemaDocuments().fact as SchemaDocument & {
    properties: { type: { enum: string[] } };
    oneOf: Node[];
    $defs: Record<string, Node>;
  };
  // Beside fact.schema.json, so a relative $ref ("fact.schema.json#/$defs/text") reaches the shipped document.
  doc.$id = `https://kaohe.example/schemas/fact-extended-${sha256(canonicalJson(ext)).slice(0, 16)}.json`;
  for (const [type, fields] of Object.entries(ext.optional)) {
    const data = ((doc.$defs[type]?.properties as Node | undefined)?.data ?? {}) as { required?: string[] };
    if (data.required) data.required = data.required.filter((f) => !fields.includes(f));
  }
  for (const t of ext.factTypes) {
    doc.properties.type.enum.push(t.name);
    doc.oneOf.push({ $ref: `#/$defs/${declaredDef(t.name)}` });
    // Unknown data keys are rejected as in the shipped types, unless the declaration says otherwise.
    const data = { additionalProperties: false, ...t.data };
    doc.$defs[declaredDef(t.name)] = {
      title: t.name,
      description: `${t.zh} (${t.en}), declared by the rule set`,
      type: 'object',
      properties: {
        type: { const: t.name },
        subject: { type: 'object', properties: { kind: { enum: t.subjects } } },
        data,
      },
    };
  }
  return doc;
}

const compiled = new Map<string, ValidateFunction>();
const byObject = new WeakMap<ContractExtension, ValidateFunction>();

/** The validator of the contract with this extension (the shipped one when it changes nothing). */
export function extendedFactValidator(ext: ContractExtension | undefined): ValidateFunction {
  if (!ext || (ext.factTypes.length === 0 && Object.keys(ext.optional).length === 0))
    return getValidator('fact');
  const known = byObject.get(ext);
  if (known) return known;
  const key = canonicalJson(ext);
  let validate = compiled.get(key);
  if (!validate) {
    validate = compileSchema(extendedFactDocument(ext));
    compiled.set(key, validate);
  }
  byObject.set(ext, validate);
  return validate;
}

/**
 * Why a declared type's data schema cannot be used, or null: the first meta-schema error (with its
 * place inside `data`), else Ajv's compile error (an unknown keyword, a $ref that leads nowhere).
 */
export function declaredTypeProblem(t: DeclaredFactType): { path: string; message: string } | null {
  const [meta] = metaSchemaErrors(t.data);
  if (meta) {
    const field = meta.instancePath.split('/').at(-1) ?? '';
    return { path: meta.instancePath, message: `${field ? `${field}: ` : ''}${meta.message}` };
  }
  try {
    extendedFactValidator({ factTypes: [t], optional: {} });
    return null;
  } catch (err) {
    return { path: '', message: (err as Error).message };
  }
}
