// Strict query parameters: each parameter known, given once, in plain `name=value` form and of the
// right form; anything else is a 400 naming the parameter. Parsed from the raw URL (not Express's
// req.query), so that `subject[$gt]=` can never turn into an object.
import type { SubjectKind, SubjectRef } from '../model/fact.js';
import { isValidDate, type Period, parsePeriod } from '../periods/index.js';
import { invalid, type ServiceError } from '../service/errors.js';
import { checkInstant, show } from '../service/input.js';

export type ParamParser<T> = (value: string) => T;
export type QuerySpec = Record<string, ParamParser<unknown>>;
export type Parsed<S extends QuerySpec> = { [K in keyof S]?: ReturnType<S[K]> };

/** Thrown by a parser: what the value should look like. */
class FormError extends Error {}

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

/** `url` is the request target as received (path and query), e.g. req.originalUrl. */
export function parseQuery<S extends QuerySpec>(url: string, spec: S): Parsed<S> {
  const q = url.indexOf('?');
  const out: Record<string, unknown> = {};
  if (q < 0) return out as Parsed<S>;
  const seen = new Set<string>();
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
    if (!Object.hasOwn(spec, name)) {
      const known = Object.keys(spec);
      throw paramError(
        name,
        `unknown parameter; ${known.length > 0 ? `this route takes ${known.join(', ')}` : 'this route takes none'}`,
      );
    }
    if (seen.has(name)) throw paramError(name, 'given more than once; give it once');
    seen.add(name);
    const value = decode(eq < 0 ? '' : part.slice(eq + 1), name);
    try {
      out[name] = (spec[name] as ParamParser<unknown>)(value);
    } catch (error) {
      if (error instanceof FormError) throw paramError(name, `${error.message} (got ${show(value)})`);
      throw error;
    }
  }
  return out as Parsed<S>;
}

export function requireParam<T>(parsed: Record<string, T | undefined>, name: string): T {
  const value = parsed[name];
  if (value === undefined) throw paramError(name, 'required');
  return value;
}

// ---- parsers --------------------------------------------------------------------------------

export const date: ParamParser<string> = (v) => {
  if (!isValidDate(v)) throw new FormError('must be a calendar date YYYY-MM-DD');
  return v;
};

export const instant: ParamParser<string> = (v) => {
  try {
    return checkInstant(v, 'asOf');
  } catch {
    throw new FormError('must be an RFC 3339 date-time with offset, e.g. 2018-07-01T08:00:00+08:00');
  }
};

const SUBJECT_KINDS: readonly SubjectKind[] = ['staff', 'window', 'department'];
const SUBJECT_ID = /^[\p{L}\p{N}._-]{1,64}$/u;

export const subjectId: ParamParser<string> = (v) => {
  if (!SUBJECT_ID.test(v)) throw new FormError('must be a subject id: 1–64 letters, digits, ".", "_" or "-"');
  return v;
};

export const subject: ParamParser<SubjectRef> = (v) => {
  const colon = v.indexOf(':');
  const kind = v.slice(0, colon) as SubjectKind;
  if (colon < 0 || !SUBJECT_KINDS.includes(kind) || !SUBJECT_ID.test(v.slice(colon + 1))) {
    throw new FormError(`must be kind:id with kind one of ${SUBJECT_KINDS.join(', ')}, e.g. staff:S001`);
  }
  return { kind, id: v.slice(colon + 1) };
};

export const boolean: ParamParser<boolean> = (v) => {
  if (v !== 'true' && v !== 'false') throw new FormError('must be true or false');
  return v === 'true';
};

export function integer(min: number, max: number): ParamParser<number> {
  return (v) => {
    const n = /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
    if (!(n >= min && n <= max)) throw new FormError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

export function token(pattern: RegExp, form: string): ParamParser<string> {
  return (v) => {
    if (!pattern.test(v)) throw new FormError(`must be ${form}`);
    return v;
  };
}

export const period: ParamParser<Period> = (v) => {
  const p = parsePeriod(v);
  if (!p) throw new FormError('must be a period id: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-H1/H2');
  return p;
};

export { SUBJECT_KINDS };
