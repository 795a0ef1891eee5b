// Checks of request values shared by the use cases (HTTP bodies and query parameters alike): each
// failure names the field, the value it got and the form it expects.
import { isValidDate, type Period, parsePeriod } from '../periods/index.js';
import { invalid } from './errors.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shows a client value in a message, shortened so that a huge value cannot flood a response. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An object with only the given keys (unknown keys are a mistake worth reporting, not ignoring). */
export function checkKeys(
  body: unknown,
  what: string,
  allowed: readonly string[],
  required: readonly string[],
): Json {
  if (!isObject(body)) throw invalid('invalid-body', `${what} must be a JSON object (got ${show(body)})`);
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw invalid(
      'invalid-body',
      `${what}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}`,
      unknown.map((k) => ({ path: `/${k}`, message: 'unknown field' })),
    );
  }
  const missing = required.filter((k) => body[k] === undefined);
  if (missing.length > 0) {
    throw invalid(
      'invalid-body',
      `${what}: missing ${missing.join(', ')}`,
      missing.map((k) => ({ path: `/${k}`, message: 'required' })),
    );
  }
  return body;
}

export function checkString(value: unknown, what: string, pattern?: RegExp, form?: string): string {
  if (typeof value !== 'string' || value === '' || (pattern && !pattern.test(value))) {
    throw invalid('invalid-value', `${what} must be ${form ?? 'a non-empty string'} (got ${show(value)})`);
  }
  return value;
}

export function checkDate(value: unknown, what: string): string {
  if (!isValidDate(value))
    throw invalid('invalid-value', `${what} must be a calendar date YYYY-MM-DD (got ${show(value)})`);
  return value;
}

export function checkPeriod(value: unknown, what: string): Period {
  const period = parsePeriod(value);
  if (!period) {
    throw invalid(
      'invalid-value',
      `${what} must be a period id: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-H1/H2 (got ${show(value)})`,
    );
  }
  return period;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 date-time with an offset, normalized to UTC with milliseconds (as the store compares). */
export function checkInstant(value: unknown, what: string): string {
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  const ms = m ? Date.parse(value as string) : Number.NaN;
  if (
    !m ||
    !isValidDate(m[1]) ||
    Number(m[2]) > 23 ||
    Number(m[3]) > 59 ||
    Number(m[4]) > 59 ||
    Number.isNaN(ms)
  ) {
    throw invalid(
      'invalid-value',
      `${what} must be an RFC 3339 date-time with offset, e.g. 2018-07-01T08:00:00+08:00 (got ${show(value)})`,
    );
  }
  return new Date(ms).toISOString();
}
