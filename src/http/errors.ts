// Every error answer is {"error": {"code", "message", "details"}}; a stack trace stays in the log.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../log/logger.js';
import { ServiceError, type ServiceErrorKind } from '../service/errors.js';
import { sendJson } from './json.js';

const STATUS: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unprocessable: 422,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  unavailable: 503,
};

/** The HTTP status of a service error's kind (the console shows its error pages with the same). */
export function statusOf(kind: ServiceErrorKind): number {
  return STATUS[kind];
}

/** An error of the HTTP adapter itself (auth, content type, routing). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; details: unknown[] } };
}

const answer = (
  status: number,
  code: string,
  message: string,
  details: unknown[] = [],
  headers = {},
): ErrorAnswer => ({
  status,
  headers,
  body: { error: { code, message, details } },
});

/** body-parser's errors carry a `type`; these are the client's mistakes. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'malformed-json', 'the body is not valid JSON'],
  'entity.too.large': [413, 'body-too-large', 'the body is larger than this service accepts (BODY_LIMIT)'],
  'charset.unsupported': [415, 'unsupported-charset', 'the body must be UTF-8 JSON'],
  'encoding.unsupported': [
    415,
    'unsupported-encoding',
    'the body must not be compressed with this Content-Encoding',
  ],
  'request.aborted': [400, 'request-aborted', 'the request was aborted before its body arrived'],
  'request.size.invalid': [400, 'bad-content-length', 'the body length does not match Content-Length'],
};

/** The answer to an error the client caused, or null when the failure is ours. */
export function clientError(error: unknown): ErrorAnswer | null {
  if (error instanceof ServiceError)
    return answer(STATUS[error.kind], error.code, error.message, error.details);
  if (error instanceof HttpError)
    return answer(error.status, error.code, error.message, error.details, error.headers);
  const type = (error as { type?: unknown }).type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return answer(known[0], known[1], known[2]);
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // e.g. a malformed percent-escape in a path parameter, found by the router.
    return answer(status, 'bad-request', 'the request is malformed');
  }
  return null;
}

/** The answer to any error: a client's mistake as such, anything else logged and a bare 500. */
export function errorAnswer(
  error: unknown,
  log: Logger,
  where: { requestId?: string; method: string; path: string },
): ErrorAnswer {
  const known = clientError(error);
  if (known) return known;
  log.error({ method: where.method, path: where.path, err: error }, 'request failed');
  return answer(
    500,
    'internal',
    `internal error; the server log has the details (request id ${where.requestId ?? 'unknown'})`,
  );
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const log = (res.locals.log as Logger | undefined) ?? logger;
    if (res.headersSent) {
      log.error({ err: error }, 'error after the answer started');
      res.destroy();
      return;
    }
    const { status, headers, body } = errorAnswer(error, log, {
      requestId: res.locals.requestId as string | undefined,
      method: req.method,
      path: req.path,
    });
    sendJson(res, status, body, headers);
  };
}
