// GET /v1/verdicts/:verdict — the hot route (integrators poll it). It is answered here on plain
// node:http, in front of Express: profiling showed Express 5's own request handling costing about
// four times the cached verdict and promoting garbage that lengthened GC pauses (p99), while a
// plain listener answers the same route several times faster. Same contract as every other
// route: the access table, strict query parameters, error shape, request id and log line;
// everything else (and HEAD) goes to the Express app unchanged.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '../log/logger.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { ROUTES, type Route } from './access.js';
import { type Auth, actingRole, checkAccess } from './auth.js';
import { errorAnswer } from './errors.js';
import * as p from './query.js';
import { startRequest } from './request-log.js';

const PREFIX = '/v1/verdicts/';
const VERDICT_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** The verdict for a request target (path and query) naming verdict `verdict`. */
export async function answerVerdict(
  service: KaoheService,
  url: string,
  verdict: string,
  asker?: { name: string; role: string },
) {
  const spec: p.QuerySpec = { date: p.date, asOf: p.instant };
  for (const kind of p.SUBJECT_KINDS) spec[kind] = p.subjectId;
  const q = p.parseQuery(url, spec) as Record<string, string | undefined>;
  const date = p.requireParam(q, 'date');
  // The subject's parameter is named after the verdict's subject kind (e.g. staff=S001).
  const kind = await service.verdictSubjectKind(verdict, date);
  for (const other of p.SUBJECT_KINDS) {
    if (other !== kind && q[other] !== undefined) {
      throw p.paramError(other, `unknown parameter; this verdict is about a ${kind}: give ${kind}=<id>`);
    }
  }
  const subjectId = p.requireParam(q, kind);
  return service.verdict({ verdict, subjectId, date, asOf: q.asOf, asker });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A request listener: GET /v1/verdicts/<id> answered here, anything else by `app`. */
export function withFastVerdicts(
  app: Express,
  options: { service: KaoheService; auth: Auth; logger: Logger },
): RequestListener {
  const route = ROUTES.find((r) => r.operationId === 'getVerdict') as Route;
  const { service, auth, logger } = options;
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const verdict = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : '';
    // Anything unusual (another method, a trailing slash, escapes) takes the general road.
    if (req.method !== 'GET' || !VERDICT_ID.test(verdict)) {
      app(req, res);
      return;
    }
    const state = startRequest(req, res, logger, () => path);
    void (async () => {
      try {
        const principal = checkAccess(auth, route, req.headers);
        if (principal) state.principal = principal.name;
        const asker = principal ? { name: principal.name, role: actingRole(principal, route) } : undefined;
        send(res, 200, await answerVerdict(service, url, verdict, asker));
      } catch (error) {
        const { status, headers, body } = errorAnswer(error, logger, {
          requestId: state.requestId,
          method: req.method,
          path,
        });
        send(res, status, body, headers);
      }
    })();
  };
}
