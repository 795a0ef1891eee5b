// Requests as schemas/requests.schema.json describes them, and nothing else: query strings are
// read strictly from the raw URL (each parameter known, given once, in plain `name=value` form, so
// `subject[$gt]=` never becomes an object), then checked by ajv; JSON bodies are checked by ajv.
// The OpenAPI document is built from the same definitions (openapi.ts).

import { parsePeriod } from '../periods/index.js';
import { formatAjvErrors, getValidator, schemaDocuments } from '../schemas/registry.js';
import { invalid, type ServiceError } from '../service/errors.js';
import { checkInstant, show } from '../service/input.js';
import type { OperationId } from './access.js';

export type QueryValue = string | number | boolean;
export type Query = Record<string, QueryValue | undefined>;

/** A string parameter of a validated query (the schema said it is one). */
export const text = (q: Query, name: string) => q[name] as string | undefined;

/** The `period` filter of a listing, as the canonical period id ("2018-q3" → "2018-Q3"). */
export function periodParam(q: Query): string | undefined {
  const period = text(q, 'period');
  return period === undefined ? undefined : parsePeriod(period)?.id;
}
type Schema = Record<string, unknown>;

const DOCUMENT = 'requests';

let defsCache: Record<string, Schema> | undefined;
/** The $defs of schemas/requests.schema.json. */
export function requestDefs(): Record<string, Schema> {
  defsCache ??= (schemaDocuments()[DOCUMENT]?.$defs ?? {}) as Record<string, Schema>;
  return defsCache;
}

/** A schema with a local `$ref` replaced by its target, its own keywords winning (one level). */
export function resolveLocal(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const { $ref: _, ...own } = schema;
  return { ...resolveLocal(requestDefs()[ref.slice('#/$defs/'.length)] ?? {}), ...own };
}

export interface QueryParameter {
  name: string;
  required: boolean;
  /** The parameter's schema with local references resolved. */
  schema: Schema;
}

/** The query parameters a route takes, as documented (none when it has no `query.<id>`). */
export function queryParameters(operationId: OperationId): QueryParameter[] {
  const def = requestDefs()[`query.${operationId}`];
  if (!def) return [];
  const required = (def.required ?? []) as string[];
  return Object.entries((def.properties ?? {}) as Record<string, Schema>).map(([name, schema]) => ({
    name,
    required: required.includes(name),
    schema: resolveLocal(schema),
  }));
}

/** Whether the route has a body schema (`body.<id>`). */
export function hasBodySchema(operationId: OperationId): boolean {
  return requestDefs()[`body.${operationId}`] !== undefined;
}

export function paramError(name: string, message: string): ServiceError {
  return invalid('invalid-parameter', `query parameter ${JSON.stringify(name)}: ${message}`, [
    { parameter: name, message },
  ]);
}

// "+" stays "+": no parameter takes spaces, and an unencoded offset (…T08:00:00+08:00) is common.
function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw paramError(what, 'malformed percent-encoding');
  }
}

/** The raw name=value pairs of a request target, each name known to `known` and given once. */
function rawQuery(url: string, known: ReadonlyMap<string, QueryParameter>): Record<string, string> {
  const q = url.indexOf('?');
  const out: Record<string, string> = {};
  if (q < 0) return out;
  for (const part of url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq), part.slice(0, 40));
    if (/[[\]]/.test(name)) {
      throw paramError(
        name,
        `bracket form is not accepted; give ${name.replace(/[[\]].*$/, '')}=<value> once`,
      );
    }
    if (!known.has(name)) {
      const names = [...known.keys()];
      throw paramError(
        name,
        `unknown parameter; ${names.length > 0 ? `this route takes ${names.join(', ')}` : 'this route takes none'}`,
      );
    }
    if (Object.hasOwn(out, name)) throw paramError(name, 'given more than once; give it once');
    out[name] = decode(eq < 0 ? '' : part.slice(eq + 1), name);
  }
  return out;
}

/** Query values arrive as text; an integer or boolean parameter is read as one when it looks like one. */
function typed(text: string, schema: Schema): QueryValue {
  if (schema.type === 'integer' && /^-?\d{1,15}$/.test(text)) return Number(text);
  if (schema.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** A reader of the route's query string: the values by name, or a 400 naming the parameter. */
export function queryReader(operationId: OperationId): (url: string) => Query {
  const parameters = queryParameters(operationId);
  const known = new Map(parameters.map((p) => [p.name, p]));
  const instants = parameters.filter((p) => p.schema.format === 'date-time').map((p) => p.name);
  const validate = parameters.length > 0 ? getValidator(`${DOCUMENT}#/$defs/query.${operationId}`) : null;
  return (url) => {
    const raw = rawQuery(url, known);
    const query: Query = {};
    for (const [name, text] of Object.entries(raw))
      query[name] = typed(text, (known.get(name) as QueryParameter).schema);
    if (validate && !validate(query)) {
      const [first] = formatAjvErrors(validate.errors, { root: 'query' });
      const name = first ? first.path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~') : '';
      const reason = first ? first.message.slice(first.message.indexOf(': ') + 2) : 'invalid';
      throw paramError(name, reason === 'required field is missing' ? 'required' : reason);
    }
    // An instant is compared as the store keeps it: UTC with milliseconds.
    for (const name of instants) {
      const value = query[name];
      if (typeof value !== 'string') continue;
      try {
        query[name] = checkInstant(value, name);
      } catch {
        throw paramError(
          name,
          `must be an RFC 3339 date-time with an offset, e.g. 2018-07-01T08:00:00+08:00 (got ${show(value)})`,
        );
      }
    }
    return query;
  };
}

/** A check of the route's JSON body against `body.<id>`: a 400 naming every field that is wrong. */
export function bodyChecker(operationId: OperationId, what: string): (body: unknown) => void {
  const validate = getValidator(`${DOCUMENT}#/$defs/body.${operationId}`);
  return (body) => {
    if (validate(body)) return;
    const errors = formatAjvErrors(validate.errors, { root: what });
    throw invalid('invalid-body', errors.map((e) => e.message).join('; '), errors);
  };
}
