// The Express application, which serves every route: request log and id, then for each route of
// access.ts its authorization, JSON body (POST) and handler; 405 for a known path with another
// method, 404 for anything else, and one error handler shaping every failure as {"error": {...}}.
import express, { type Express, type RequestHandler } from 'express';
import type { ApiKey } from '../config/api-keys.js';
import { consoleRouter } from '../console/router.js';
import type { Logger } from '../log/logger.js';
import { notFound } from '../service/errors.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { ROUTES, type Route } from './access.js';
import { Auth, authorize } from './auth.js';
import { jsonBody } from './body.js';
import { consoleAccess } from './console-access.js';
import { errorHandler, HttpError } from './errors.js';
import { handlers } from './handlers.js';
import { openapiDocument } from './openapi.js';
import { describeRuleSet } from './openapi-ruleset.js';
import { requestLog } from './request-log.js';

export interface AppOptions {
  service: KaoheService;
  /** The configured keys (none: every request has every role), or a ready Auth. */
  auth: Auth | readonly ApiKey[];
  logger: Logger;
  /** Largest accepted body in bytes (default 20 MiB). */
  bodyLimit?: number;
  /** Shown as info.version of the OpenAPI document. */
  version?: string;
}

const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

/** The Express application with every route (also the request listener of the HTTP server). */
export function createApp(options: AppOptions): Express {
  const { service, logger } = options;
  const auth = options.auth instanceof Auth ? options.auth : new Auth(options.auth);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false); // query strings are read strictly by http/requests.ts
  app.use(requestLog(logger));

  let openapiCache: { key: string; doc: unknown } | undefined;
  const openapi = async () => {
    const verdicts = await service.verdictsInForce();
    const ruleSet = await service.describeInForce();
    const key = `${JSON.stringify(verdicts)}|${ruleSet?.hash ?? ''}`;
    if (openapiCache?.key !== key)
      openapiCache = {
        key,
        doc: describeRuleSet(openapiDocument(options.version ?? '0.0.0', verdicts), ruleSet),
      };
    return openapiCache.doc;
  };
  const handle = handlers(service, openapi);

  const byPath = new Map<string, Route[]>();
  for (const route of ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, routes] of byPath) {
    for (const route of routes) {
      const chain: RequestHandler[] = [authorize(auth, route)];
      if (route.method === 'post') chain.push(jsonBody(bodyLimit, route.body ?? 'required'));
      chain.push(async (req, res) => {
        await handle[route.operationId](req, res);
      });
      app[route.method](path, ...chain);
    }
    // Registered right after the path's own methods, so /v1/rulesets/validate answers 405 to a GET
    // instead of falling through to GET /v1/rulesets/:hash.
    const allow = [...new Set(routes.flatMap((r) => (r.method === 'get' ? ['GET', 'HEAD'] : ['POST'])))].join(
      ', ',
    );
    app.all(path, (req) => {
      throw new HttpError(
        405,
        'method-not-allowed',
        `${req.method} is not allowed on ${path}; allowed: ${allow}`,
        [],
        { Allow: allow },
      );
    });
  }
  // The web console (HTML pages under /console), on the same service and access table as the API.
  app.use('/console', consoleRouter({ service, access: consoleAccess(auth), logger }));
  app.use((req) => {
    throw notFound('no-such-route', `no route ${req.method} ${req.path}; see GET /openapi.json`);
  });
  app.use(errorHandler(logger));
  return app;
}
