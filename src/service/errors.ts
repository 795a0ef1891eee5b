// Errors of the application layer: a kind (what went wrong, in terms a client can act on), a stable
// code, a message and details. The HTTP adapter maps the kind to a status; the service knows no HTTP.
export type ServiceErrorKind =
  | 'invalid' // the request is malformed (400)
  | 'unprocessable' // well-formed, but the content is rejected (422)
  | 'not-found' // the subject or record does not exist (404)
  | 'conflict' // it contradicts what is stored, or comes out of order (409)
  | 'forbidden' // the caller's role may not take this step (403)
  | 'unavailable'; // the service cannot answer now, e.g. no rule set is published (503)

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, details: unknown[] = []) =>
  new ServiceError('invalid', code, message, details);
export const unprocessable = (code: string, message: string, details: unknown[] = []) =>
  new ServiceError('unprocessable', code, message, details);
export const notFound = (code: string, message: string) => new ServiceError('not-found', code, message);
export const conflict = (code: string, message: string, details: unknown[] = []) =>
  new ServiceError('conflict', code, message, details);
export const forbidden = (code: string, message: string, details: unknown[] = []) =>
  new ServiceError('forbidden', code, message, details);
