// JSON-only request bodies: Content-Type application/json (UTF-8), a size limit, and no object key
// starting with "$" anywhere: a client's object must never reach a MongoDB query as an operator
// (the fact schema would also reject unknown keys, but this holds for every body).
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.js';

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/** Whether any object key anywhere in `value` starts with "$" (no paths built: the common case). */
function hasOperatorKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasOperatorKey(item)) return true;
    return false;
  }
  for (const key in value) {
    if (key.charCodeAt(0) === 36 /* $ */) return true;
    if (hasOperatorKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** The first "$…" key found, as a JSON pointer, or null. */
export function operatorKey(value: unknown, path = ''): string | null {
  if (path === '' && !hasOperatorKey(value)) return null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = operatorKey(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const here = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.startsWith('$')) return here;
    const found = operatorKey(child, here);
    if (found !== null) return found;
  }
  return null;
}

export function jsonBody(limit: number, body: 'required' | 'optional'): RequestHandler {
  const parse = express.json({ limit, strict: true, type: () => true });
  return (req, res, next) => {
    if (!hasBody(req.headers)) {
      if (body === 'optional') {
        req.body = undefined;
        return next();
      }
    }
    const type = req.headers['content-type'];
    if (type?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      const got = type ?? 'none';
      return next(
        new HttpError(
          415,
          'unsupported-media-type',
          `send the body as JSON with Content-Type: application/json (got ${got})`,
        ),
      );
    }
    if (!hasBody(req.headers))
      return next(new HttpError(400, 'missing-body', 'this route needs a JSON body'));
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      const pointer = operatorKey(req.body);
      if (pointer !== null) {
        return next(
          new HttpError(400, 'operator-key', `object keys may not start with "$" (found at ${pointer})`, [
            { path: pointer, message: 'keys starting with "$" are not accepted' },
          ]),
        );
      }
      next();
    });
  };
}
