// API keys with roles. A key is presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`;
// keys are looked up by their SHA-256, so the comparison never walks the key itself. With no keys
// configured every request has every role (the server then listens on loopback only).
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { type ApiKey, ROLES, type Role } from '../config/api-keys.js';
import type { Route } from './access.js';
import { HttpError } from './errors.js';
import type { RequestState } from './request-log.js';

export interface Principal {
  name: string;
  roles: readonly Role[];
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="kaohe"' };

export class Auth {
  private readonly byDigest: Map<string, ApiKey>;

  constructor(keys: readonly ApiKey[]) {
    this.byDigest = new Map(keys.map((k) => [digest(k.key), k]));
  }

  /** No keys configured: every request has every role. */
  get open(): boolean {
    return this.byDigest.size === 0;
  }

  /** The caller, or an HttpError 401 saying what is wrong with the credentials. */
  identify(headers: IncomingHttpHeaders): Principal {
    if (this.open) return { name: 'anyone (no API keys configured)', roles: ROLES };
    const header = headers.authorization;
    const apiKey = headers['x-api-key'];
    let bearer: string | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m)
        throw new HttpError(
          401,
          'unauthenticated',
          'Authorization must be "Bearer <API key>"',
          [],
          CHALLENGE,
        );
      bearer = m[1];
    }
    if (Array.isArray(apiKey))
      throw new HttpError(401, 'unauthenticated', 'give X-API-Key once', [], CHALLENGE);
    if (bearer !== undefined && apiKey !== undefined && bearer !== apiKey) {
      throw new HttpError(
        401,
        'unauthenticated',
        'Authorization and X-API-Key name different keys; send one',
        [],
        CHALLENGE,
      );
    }
    const key = bearer ?? apiKey;
    if (key === undefined) {
      throw new HttpError(
        401,
        'unauthenticated',
        'an API key is required: Authorization: Bearer <key> or X-API-Key: <key>',
        [],
        CHALLENGE,
      );
    }
    const known = this.byDigest.get(digest(key));
    if (!known) throw new HttpError(401, 'unauthenticated', 'unknown API key', [], CHALLENGE);
    return { name: known.name, roles: [known.role] };
  }
}

/** The caller, if the route allows them (HttpError 401 or 403 otherwise); null for a public route. */
export function checkAccess(auth: Auth, route: Route, headers: IncomingHttpHeaders): Principal | null {
  if (route.access === 'public') return null;
  const principal = auth.identify(headers);
  const allowed = route.access;
  if (!principal.roles.some((r) => allowed.includes(r))) {
    throw new HttpError(
      403,
      'forbidden',
      `${route.method.toUpperCase()} ${route.path} needs the role ${allowed.join(' or ')}; this key has ${principal.roles.join(', ')}`,
    );
  }
  return principal;
}

export function authorize(auth: Auth, route: Route): RequestHandler {
  return (req, res, next) => {
    const principal = checkAccess(auth, route, req.headers);
    if (principal) {
      (res.locals.request as RequestState).principal = principal.name;
      res.locals.principal = principal;
    }
    next();
  };
}

/** The role a caller acts in on a route: the first of its roles the route allows. */
export function actingRole(principal: Principal, route: Route): string {
  if (route.access === 'public') return 'public';
  const allowed = route.access;
  return principal.roles.find((r) => allowed.includes(r)) ?? (principal.roles[0] as string);
}
