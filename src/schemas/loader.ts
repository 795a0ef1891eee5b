// Loads every schemas/*.schema.json into ONE Ajv instance so documents can $ref each other by
// file name; each validator is compiled on first use and cached by Ajv.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is typed as
// the module object, while at run time it is the plugin itself (which also carries `.default`).
const addFormats = (addFormatsModule.default ?? addFormatsModule) as typeof addFormatsModule.default;

const SUFFIX = '.schema.json';

/** A schema document as read from schemas/ (plain JSON with a string $id). */
export interface SchemaDocument {
  $id: string;
  [keyword: string]: unknown;
}

interface Registry {
  ajv: Ajv2020;
  /** short name ("fact", "rules-file") → the document as read */
  documents: Map<string, SchemaDocument>;
}

let registry: Registry | undefined;
let directoryOverride: string | undefined;

/**
 * Reads the schemas from another directory from now on (undefined: schemas/ again). For upgrade
 * tests: the contract a later release ships, against versions published under this one.
 */
export function useSchemaDirectory(dir: string | undefined): void {
  directoryOverride = dir;
  registry = undefined;
}

/** The folder holding package.json, found upwards from this file (src/ under vitest, dist/src/ built). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export function schemaDirectory(): string {
  return directoryOverride ?? join(projectRoot(), 'schemas');
}

function load(): Registry {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    unicodeRegExp: true, // subject ids use \p{L}
    discriminator: true, // the fact union is chosen by `type`, so errors come from one branch only
    verbose: true, // errors carry the data and parent schema: "(got …)" and descriptions in messages
    allowUnionTypes: true, // `type: ["string", "null"]` reads better in OpenAPI than anyOf
  });
  addFormats(ajv);
  const documents = new Map<string, SchemaDocument>();
  const dir = schemaDirectory();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      throw new Error(`schemas/${file}: not valid JSON: ${(err as Error).message}`);
    }
    if (typeof doc !== 'object' || doc === null || typeof (doc as { $id?: unknown }).$id !== 'string') {
      throw new Error(`schemas/${file}: a schema document needs a string $id`);
    }
    const schema = doc as SchemaDocument;
    try {
      ajv.addSchema(schema as AnySchemaObject);
    } catch (err) {
      throw new Error(`schemas/${file}: ${(err as Error).message}`);
    }
    documents.set(file.slice(0, -SUFFIX.length), schema);
  }
  return { ajv, documents };
}

function getRegistry(): Registry {
  registry ??= load();
  return registry;
}

/** Resolves "fact", "fact.schema.json", a full $id, each optionally with "#/$defs/…", to an Ajv key. */
function resolveKey(name: string): string {
  const { documents } = getRegistry();
  const hash = name.indexOf('#');
  const base = hash < 0 ? name : name.slice(0, hash);
  const fragment = hash < 0 ? '' : name.slice(hash);
  const short = base.endsWith(SUFFIX) ? base.slice(0, -SUFFIX.length) : base;
  const doc = documents.get(short) ?? [...documents.values()].find((d) => d.$id === base);
  if (!doc) throw new Error(`unknown schema "${name}"; known: ${[...documents.keys()].join(', ')}`);
  return doc.$id + (fragment === '#' ? '' : fragment);
}

/** The compiled validator of a schema (or of a `#/$defs/…` part of one); compiled once. */
export function getValidator<T = unknown>(name: string): ValidateFunction<T> {
  const key = resolveKey(name);
  let validate: ValidateFunction | undefined;
  try {
    validate = getRegistry().ajv.getSchema(key);
  } catch (err) {
    throw new Error(`schema ${key} does not compile: ${(err as Error).message}`);
  }
  if (!validate) throw new Error(`no schema at ${key}`);
  return validate as ValidateFunction<T>;
}

/** Every loaded document by short name (deep copies), e.g. to build the OpenAPI document. */
export function schemaDocuments(): Record<string, SchemaDocument> {
  return Object.fromEntries([...getRegistry().documents].map(([name, doc]) => [name, structuredClone(doc)]));
}

/**
 * Compiles a schema built at run time (a rule set's extension of the fact contract) in the same
 * Ajv instance, so it may $ref the documents of schemas/; a schema that fails is not kept.
 */
export function compileSchema<T = unknown>(schema: SchemaDocument): ValidateFunction<T> {
  const { ajv } = getRegistry();
  try {
    return ajv.compile<T>(schema as AnySchemaObject);
  } catch (err) {
    ajv.removeSchema(schema.$id);
    throw err;
  }
}

/** Why a schema is not a valid draft 2020-12 schema (Ajv's meta-schema errors), or [] when it is. */
export function metaSchemaErrors(schema: unknown): { instancePath: string; message: string }[] {
  const { ajv } = getRegistry();
  if (ajv.validateSchema(schema as AnySchemaObject) === true) return [];
  return (ajv.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    message: `${e.message ?? 'is invalid'} (got ${JSON.stringify(e.data)})`,
  }));
}
