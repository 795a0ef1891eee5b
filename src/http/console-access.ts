// What the console (src/console/) borrows from the API: the key check, the route table and the status of each service error, so a
// console page is allowed exactly when the API operation it stands for is.
import type { ConsoleAccess } from '../console/access.js';
import { ROUTES } from './access.js';
import type { Auth } from './auth.js';
import { statusOf } from './errors.js';

export function consoleAccess(auth: Auth): ConsoleAccess {
  const byOperation = new Map(ROUTES.map((r) => [r.operationId as string, r]));
  return {
    open: auth.open,
    statusOf,
    identify(key) {
      try {
        return auth.identify({ 'x-api-key': key });
      } catch {
        return null; // an unknown or malformed key: the sign-in form says so
      }
    },
    rolesFor(operationId) {
      const route = byOperation.get(operationId);
      if (!route) throw new Error(`the console names ${operationId}, which is no operation of the API`);
      return route.access;
    },
  };
}
