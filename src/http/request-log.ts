// A request id per request (the caller's X-Request-Id when it is sane, else a new one; echoed in
// the answer), a child logger carrying it (res.locals.log), and one log line when the answer is sent.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log/logger.js';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestState {
  requestId: string;
  /** Who called (the API key's name), once authorized. */
  principal?: string;
}

export function requestLog(logger: Logger): RequestHandler {
  const info = logger.isLevelEnabled('info');
  const debug = logger.isLevelEnabled('debug');
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const state: RequestState = {
      requestId: typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID(),
    };
    res.setHeader('X-Request-Id', state.requestId);
    res.locals.request = state;
    res.locals.requestId = state.requestId;
    // The child logger is made on first use: at LOG_LEVEL=warn most requests never log.
    let child: Logger | undefined;
    Object.defineProperty(res.locals, 'log', {
      get: () => {
        child ??= logger.child({ requestId: state.requestId });
        return child;
      },
    });
    // The headers go to debug lines only; the API key headers are redacted by the logger.
    if (debug)
      res.locals.log.debug(
        { req: { method: req.method, url: req.originalUrl, headers: req.headers } },
        'request received',
      );
    if (info) {
      res.once('finish', () => {
        const fields: Record<string, unknown> = {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        };
        if (state.principal) fields.principal = state.principal;
        (res.locals.log as Logger).info(fields, 'request');
      });
    }
    next();
  };
}
