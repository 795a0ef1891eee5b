// Who is looking at a console page and what they may do. The console knows no HTTP access table
// of its own: the HTTP adapter hands it `ConsoleAccess`, built from the API's route table
// (src/http/access.ts) and its key check, so a page or action is allowed exactly when the API
// operation it stands for is.
import { ROLES, type Role } from '../config/api-keys.js';
import type { ServiceErrorKind } from '../service/errors.js';

export interface ConsolePrincipal {
  name: string;
  roles: readonly Role[];
}

/** What the HTTP adapter lends the console (src/http/console-access.ts builds it). */
export interface ConsoleAccess {
  /** No API keys configured: every visitor has every role (the service listens on loopback only). */
  readonly open: boolean;
  /** The holder of an API key, or null for a key the service does not know. */
  identify(key: string): ConsolePrincipal | null;
  /** Who may call an API operation (by its operationId): 'public' or the roles. Throws for an unknown id. */
  rolesFor(operationId: string): 'public' | readonly string[];
  /** The API's HTTP status for a service error of this kind, so an error page answers as the API would. */
  statusOf(kind: ServiceErrorKind): number;
}

export interface Viewer extends ConsolePrincipal {
  /** Signed in with a key (false in open mode, where nobody signs in). */
  signedIn: boolean;
}

export const OPEN_VIEWER: Viewer = {
  name: 'anyone (no API keys configured)',
  roles: ROLES,
  signedIn: false,
};

/** Whether the viewer may call the API operation, by the same rule as the API's checkAccess. */
export function may(access: ConsoleAccess, viewer: Viewer | null, operationId: string): boolean {
  const allowed = access.rolesFor(operationId);
  if (allowed === 'public') return true;
  return viewer?.roles.some((r) => allowed.includes(r)) ?? false;
}

/** Why a page or action is refused, in the API's words (403 "forbidden"). */
export function refusal(access: ConsoleAccess, viewer: Viewer, operationId: string): string {
  const allowed = access.rolesFor(operationId);
  const needs = allowed === 'public' ? 'nothing' : `the role ${allowed.join(' or ')}`;
  return `${operationId} needs ${needs}; ${viewer.name} has ${viewer.roles.join(', ')}`;
}
