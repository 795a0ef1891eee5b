// The console's sign-in: the API key itself, kept in a session cookie (no Max-Age: gone when the
// browser closes), HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends
// it). Nothing is stored on the server. Forms are guarded against cross-site posting by that
// cookie attribute plus the Origin check below, which also covers open mode (no cookie at all).
import type { Request, Response } from 'express';

export const COOKIE = 'kaohe_console';
const PATH = '/console';

/** The cookies of the request, by name (values URI-decoded; a malformed one is skipped). */
export function cookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    try {
      out.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a value that is not URI-encoded is not one of ours
    }
  }
  return out;
}

const attributes = (req: Request) => `Path=${PATH}; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`;

export function keepKey(req: Request, res: Response, key: string): void {
  res.append('Set-Cookie', `${COOKIE}=${encodeURIComponent(key)}; ${attributes(req)}`);
}

export function forgetKey(req: Request, res: Response): void {
  res.append('Set-Cookie', `${COOKIE}=; ${attributes(req)}; Max-Age=0`);
}

/**
 * A POST must come from a page of this service: its Origin (or, failing that, its Referer) names
 * the host and port the request was sent to. A browser sends Origin on every POST it makes. The
 * scheme is not compared: behind a TLS proxy the page is https and the request reaching us http.
 */
export function sameOrigin(req: Request): boolean {
  const host = req.headers.host;
  const origin = req.headers.origin;
  const from = typeof origin === 'string' && origin !== 'null' ? origin : req.headers.referer;
  if (typeof from !== 'string' || host === undefined) return false;
  try {
    return new URL(from).host === host;
  } catch {
    return false;
  }
}
