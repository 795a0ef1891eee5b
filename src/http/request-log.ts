// A request id per request (the caller's X-Request-Id when it is sane, else a new one; echoed in
// the answer) and one structured log line when the answer is sent.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../log/logger.js';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestState {
  requestId: string;
  /** Who called (the API key's name), once authorized. */
  principal?: string;
}

/** Assigns the request id and arranges the log line; works on plain node:http objects. */
export function startRequest(
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
  path: () => string,
): RequestState {
  const started = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const state: RequestState = {
    requestId: typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID(),
  };
  res.setHeader('X-Request-Id', state.requestId);
  if (logger.enabled('info')) {
    res.once('finish', () => {
      const fields: Record<string, unknown> = {
        requestId: state.requestId,
        method: req.method,
        path: path(),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      if (state.principal) fields.principal = state.principal;
      logger.info('request', fields);
    });
  }
  return state;
}

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const state = startRequest(req, res, logger, () => req.path);
    res.locals.request = state;
    res.locals.requestId = state.requestId;
    next();
  };
}
