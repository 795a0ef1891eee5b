// Turns Ajv's errors into one line per real problem: `field: reason (got …)`, pointing at the
// field itself (a missing or unknown key included) rather than at its parent object.
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface SchemaError {
  /** JSON pointer to the offending field, e.g. "/data/code" (for a missing field: where it belongs). */
  path: string;
  message: string;
}

export interface FormatOptions {
  /** How to name the validated value itself when the error is at its root. */
  root?: string;
}

export function formatAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  options: FormatOptions = {},
): SchemaError[] {
  const kept = collapseBranches(dropNoise([...(errors ?? [])]));
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const e of kept) {
    const path = errorPath(e);
    const message = `${fieldName(path, options.root ?? 'value')}: ${reason(e)}`;
    const key = `${path}\n${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message });
    }
  }
  return out;
}

/** `if` only says "then failed" (the then-error is there too); a discriminator error repeats
 * what the tag's own enum or required error already says; an enum is vaguer than a const (from a
 * conditional) on the same value that picks one of its members. */
function dropNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    if (e.keyword === 'enum') {
      const allowed = e.params.allowedValues as unknown[];
      return !errors.some(
        (o) =>
          o.keyword === 'const' &&
          o.instancePath === e.instancePath &&
          allowed.includes(o.params.allowedValue),
      );
    }
    if (e.keyword !== 'discriminator') return true;
    const tagPath = `${e.instancePath}/${pointerSegment(String(e.params.tag))}`;
    return !errors.some((o) => o !== e && o.keyword !== 'discriminator' && errorPath(o) === tagPath);
  });
}

/** For a failed oneOf/anyOf, keep only the errors of the branch that came closest (fewest errors,
 * then deepest), so a near miss is not buried under every other alternative's complaints. */
function collapseBranches(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const e of errors) {
    if ((e.keyword !== 'oneOf' && e.keyword !== 'anyOf') || !Array.isArray(e.schema)) continue;
    if (e.params.passingSchemas) continue; // oneOf matched twice: no branch errors to choose from
    const prefixes = (e.schema as unknown[]).map((branch, i) => {
      const ref = (branch as { $ref?: unknown } | null)?.$ref;
      return typeof ref === 'string' && ref.startsWith('#') ? `${ref}/` : `${e.schemaPath}/${i}/`;
    });
    const branches = prefixes.map((prefix) =>
      errors.filter((o) => o.instancePath.startsWith(e.instancePath) && o.schemaPath.startsWith(prefix)),
    );
    const best = branches
      .filter((b) => b.length > 0)
      .sort((a, b) => a.length - b.length || depth(b) - depth(a))[0];
    if (!best) continue;
    dropped.add(e);
    for (const b of branches) if (b !== best) for (const o of b) if (!best.includes(o)) dropped.add(o);
  }
  return errors.filter((e) => !dropped.has(e));
}

function depth(branch: ErrorObject[]): number {
  return Math.max(...branch.map((e) => e.instancePath.split('/').length));
}

function errorPath(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const key =
    e.keyword === 'required' || e.keyword === 'dependentRequired'
      ? p.missingProperty
      : e.keyword === 'additionalProperties'
        ? p.additionalProperty
        : e.keyword === 'unevaluatedProperties'
          ? p.unevaluatedProperty
          : undefined;
  return key === undefined ? e.instancePath : `${e.instancePath}/${pointerSegment(String(key))}`;
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** "/data/code" → "data.code", "/facts/3/id" → "facts[3].id", "" → the root's name. */
export function fieldName(pointer: string, root = 'value'): string {
  if (pointer === '') return root;
  let name = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    name += /^\d+$/.test(segment) ? `[${segment}]` : name === '' ? segment : `.${segment}`;
  }
  return name;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'a calendar date YYYY-MM-DD',
  'date-time': 'an RFC 3339 date-time with an offset, e.g. 2018-03-05T08:30:00+08:00',
};

function reason(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as { description?: unknown; properties?: Record<string, unknown> };
  const why = typeof parent.description === 'string' ? parent.description : undefined;
  const got = ` (got ${preview(e.data)})`;
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
      return 'required field is missing';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `unknown field${allowedKeys(parent.properties)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(bare).join(', ')}${got}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}${got}${why ? ` — ${why}` : ''}`;
    case 'type':
      return `must be ${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ')}${got}`;
    case 'format':
      return `must be ${FORMAT_NAMES[String(p.format)] ?? `in format ${String(p.format)}`}${got}`;
    case 'pattern':
      return `invalid form${got}; expected ${why ?? `to match ${String(p.pattern)}`}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}${got}`;
    case 'minLength':
      return p.limit === 1 ? `must not be empty${got}` : `must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(p.limit)} items`;
    case 'uniqueItems':
      return `must not repeat an item (items ${String(p.j)} and ${String(p.i)} are equal)`;
    case 'not':
      return `must not be given${why ? `: ${why}` : ''}`;
    case 'false schema':
      return 'is not allowed here';
    case 'discriminator':
      return p.error === 'tag' ? `must be a string${got}` : `unknown value${got}`;
    case 'oneOf':
      return p.passingSchemas ? 'matches more than one allowed form' : 'does not match any allowed form';
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

/** ", allowed: a, b" from the object's declared properties (those forbidden by `not`/false left out). */
function allowedKeys(properties: Record<string, unknown> | undefined): string {
  if (!properties) return '';
  const keys = Object.entries(properties)
    .filter(([, s]) => s !== false && !(typeof s === 'object' && s !== null && 'not' in s))
    .map(([k]) => k);
  return keys.length ? `; allowed: ${keys.join(', ')}` : '';
}

function bare(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
