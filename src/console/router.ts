// The console under /console: who the visitor is (session cookie or open mode), the role check of
// each page's API operation, the Origin check of every POST, rendering inside the layout, and
// errors as pages. Pages call the service as the API's handlers do; nothing here decides anything.
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../log/logger.js';
import { ServiceError } from '../service/errors.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { type ConsoleAccess, may, OPEN_VIEWER, refusal, type Viewer } from './access.js';
import { AssetCache } from './assets.js';
import { NAV } from './nav.js';
import type { ConsolePage, PageContext, PageResult } from './page.js';
import { PAGES } from './pages.js';
import { COOKIE, cookies, sameOrigin } from './session.js';

export interface ConsoleOptions {
  service: KaoheService;
  access: ConsoleAccess;
  logger: Logger;
  /** The pages to mount (default: every page of the console). */
  pages?: readonly ConsolePage[];
}

/** Thrown by the router itself: a status with a message, shown as an error page. */
class PageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The visitor: everyone in open mode, the key's holder when the cookie holds a known key, else null. */
export function viewerOf(access: ConsoleAccess, req: Request): Viewer | null {
  if (access.open) return OPEN_VIEWER;
  const key = cookies(req).get(COOKIE);
  const principal = key ? access.identify(key) : null;
  return principal ? { ...principal, signedIn: true } : null;
}

function formOf(req: Request): { last: Record<string, string>; all: (name: string) => string[] } {
  const body = (req.body ?? {}) as Record<string, string | string[]>;
  const last: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) last[k] = Array.isArray(v) ? (v.at(-1) ?? '') : v;
  return {
    last,
    all: (name) => {
      const v = body[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
  };
}

export function consoleRouter(options: ConsoleOptions): Router {
  const { service, access, logger } = options;
  const pages = options.pages ?? PAGES;
  // An operation the API does not have is a programming error: fail at start, not on a click.
  for (const p of [...pages, ...NAV]) if (p.operation !== null) access.rolesFor(p.operation);
  const assets = new AssetCache(service.templates.dir);
  const router = express.Router();

  const render = (
    res: Response,
    viewer: Viewer | null,
    result: Exclude<PageResult, { redirect: string }>,
    handledMs?: number,
  ) => {
    const nav = NAV.filter((n) => may(access, viewer, n.operation));
    const t0 = performance.now();
    const html = service.templates.env.render(`console/${result.view}`, {
      ...result.data,
      layout: { viewer, nav, open: access.open, path: res.req.path },
    });
    // What the page cost on the server: the service calls, then the template (npm run bench reads it).
    const timing = [`render;dur=${(performance.now() - t0).toFixed(1)}`];
    if (handledMs !== undefined) timing.unshift(`service;dur=${handledMs.toFixed(1)}`);
    res.set('Server-Timing', timing.join(', '));
    res
      .status(result.status ?? 200)
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
      .send(html);
  };
  const errorPage = (res: Response, viewer: Viewer | null, status: number, code: string, message: string) =>
    render(res, viewer, { view: 'error.njk', status, data: { status, code, message } });

  router.get('/assets/:name', (req, res) => {
    const asset = assets.get(String(req.params.name));
    if (!asset) return errorPage(res, null, 404, 'no-such-asset', 'no such asset');
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600').send(asset.body);
  });
  router.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 }));

  for (const page of pages) {
    router[page.method](page.path, async (req, res) => {
      const viewer = viewerOf(access, req);
      // The request log (http/request-log.ts) names the key's holder, as it does for the API.
      const logged = res.locals.request as { principal?: string } | undefined;
      if (logged && viewer?.signedIn) logged.principal = viewer.name;
      try {
        if (page.method === 'post' && !sameOrigin(req))
          throw new PageError(403, 'cross-site', 'a form of another site may not post here');
        if (page.operation !== null) {
          if (!viewer) {
            if (page.method === 'get')
              return res.redirect(303, `/console/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
            throw new PageError(401, 'unauthenticated', 'sign in first');
          }
          if (!may(access, viewer, page.operation))
            throw new PageError(403, 'forbidden', refusal(access, viewer, page.operation));
        }
        const form = formOf(req);
        const ctx: PageContext = {
          req,
          res,
          service,
          viewer: viewer ?? { name: '', roles: [], signedIn: false },
          open: access.open,
          identify: (key) => access.identify(key),
          may: (op) => may(access, viewer, op),
          query: new URL(req.originalUrl, 'http://console.invalid').searchParams,
          form: form.last,
          formAll: form.all,
        };
        const t0 = performance.now();
        const result = await page.handle(ctx);
        if ('redirect' in result) return res.redirect(303, result.redirect);
        render(res, viewer, result, performance.now() - t0);
      } catch (error) {
        if (error instanceof PageError)
          return errorPage(res, viewer, error.status, error.code, error.message);
        if (error instanceof ServiceError)
          return errorPage(res, viewer, access.statusOf(error.kind), error.code, error.message);
        logger.error({ err: error, path: req.path }, 'console page failed');
        errorPage(res, viewer, 500, 'internal', 'the page failed; the service log has the details');
      }
    });
  }
  router.use((req, res) => {
    errorPage(res, viewerOf(access, req), 404, 'no-such-page', `no console page ${req.path}`);
  });
  return router;
}
