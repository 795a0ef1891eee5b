// Handlers of the procedure's routes (access-procedure.ts): rounds, the decision log and the
// public notices at /p/. The caller's key name and roles go to the service, which checks the
// procedure's role for each step.
import type { Request, Response } from 'express';
import { renderCsv, renderHtml, renderList, renderXlsx } from '../documents/render.js';
import { notFound } from '../service/errors.js';
import type { KaoheService } from '../service/kaohe-service.js';
import type { Caller } from '../service/round-state.js';
import type { ProcedureOperationId } from './access-procedure.js';
import type { Principal } from './auth.js';
import { sendJson } from './json.js';
import { bodyChecker, periodParam, type Query, text } from './requests.js';

type Handler = (req: Request, res: Response) => Promise<void> | void;

const ROUND_ID = /^rd-[a-z0-9][a-z0-9.-]{0,63}-[0-9A-Za-z-]{4,12}$/;
const FILE = /^([a-z0-9][a-z0-9.-]{0,63}-[0-9A-Za-z-]{4,12}-[0-9]{1,6})(?:\.(csv|xlsx|json))?$/;
export const CSS_ASSET = 'notice.css';

const param = (req: Request, name: string) => {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
};

function caller(res: Response): Caller {
  const principal = res.locals.principal as Principal | undefined;
  return { name: principal?.name ?? 'anonymous', roles: principal?.roles ?? [] };
}

function roundId(req: Request): string {
  const id = param(req, 'id');
  if (!ROUND_ID.test(id)) throw notFound('round-not-found', 'no such round');
  return id;
}

export function procedureHandlers(
  service: KaoheService,
  readers: Record<ProcedureOperationId, (url: string) => Query>,
): Record<ProcedureOperationId, Handler> {
  // Queries and bodies as schemas/requests.schema.json describes them (`query.<id>`, `body.<id>`);
  // the query readers are the ones handlers.ts builds for every route.
  const query = (id: ProcedureOperationId, req: Request) => readers[id](req.originalUrl);
  const checkRound = bodyChecker('postRound', 'a round');
  const checkReview = bodyChecker('reviewRound', 'a review');
  const checkPropose = bodyChecker('proposeRound', 'a proposal');
  const checkPublish = bodyChecker('publishRound', 'a publication');
  return {
    async postRound(req, res) {
      query('postRound', req);
      checkRound(req.body);
      const round = await service.createRound(caller(res), req.body);
      res.setHeader('Location', `/v1/rounds/${round.id}`);
      sendJson(res, 201, round);
    },
    async listRounds(req, res) {
      const q = query('listRounds', req);
      sendJson(
        res,
        200,
        await service.listRounds({
          kind: text(q, 'kind'),
          period: periodParam(q),
          status: text(q, 'status'),
        }),
      );
    },
    async getRound(req, res) {
      query('getRound', req);
      sendJson(res, 200, await service.getRound(roundId(req)));
    },
    async reviewRound(req, res) {
      query('reviewRound', req);
      if (req.body !== undefined) checkReview(req.body);
      sendJson(res, 200, await service.reviewRound(caller(res), roundId(req), req.body));
    },
    async proposeRound(req, res) {
      query('proposeRound', req);
      if (req.body !== undefined) checkPropose(req.body);
      sendJson(res, 200, await service.proposeRound(caller(res), roundId(req), req.body));
    },
    async publishRound(req, res) {
      query('publishRound', req);
      if (req.body !== undefined) checkPublish(req.body);
      sendJson(res, 200, await service.publishRound(caller(res), roundId(req), req.body));
    },
    async roundDrift(req, res) {
      query('roundDrift', req);
      sendJson(res, 200, await service.roundDrift(roundId(req)));
    },
    async listDecisions(req, res) {
      const q = query('listDecisions', req);
      sendJson(
        res,
        200,
        await service.decisions({
          subject: text(q, 'subject'),
          from: text(q, 'from'),
          to: text(q, 'to'),
          limit: q.limit as number | undefined,
          cursor: text(q, 'cursor'),
        }),
      );
    },
    async listPublications(req, res) {
      query('listPublications', req);
      const html = renderList(service.templates, await service.publications(), `assets/${CSS_ASSET}`);
      res.type('html').send(html);
    },
    async publicationAsset(req, res) {
      query('publicationAsset', req);
      if (param(req, 'asset') !== CSS_ASSET) throw notFound('no-such-asset', 'no such asset');
      res.type('css').set('Cache-Control', 'public, max-age=3600').send(service.templates.css);
    },
    async getPublication(req, res) {
      query('getPublication', req);
      const m = FILE.exec(param(req, 'file'));
      if (!m) throw notFound('publication-not-found', 'no such publication');
      const [, id = '', format] = m;
      const { notice, publication } = await service.publishedNotice(id);
      const name = encodeURIComponent(id);
      if (format === 'json') {
        sendJson(res, 200, { publication, supersededBy: notice.publication?.supersededBy ?? null, notice });
      } else if (format === 'csv') {
        res
          .type('text/csv; charset=utf-8')
          .attachment(`${id}.csv`)
          .send(renderCsv(service.templates, notice));
      } else if (format === 'xlsx') {
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment(`${id}.xlsx`)
          .send(await renderXlsx(service.templates, notice));
      } else {
        const downloads = ['csv', 'xlsx', 'json'].map((f) => ({
          href: `${name}.${f}`,
          label: f.toUpperCase(),
        }));
        res
          .type('html')
          .send(renderHtml(service.templates, notice, { cssHref: `assets/${CSS_ASSET}`, downloads }));
      }
    },
  };
}
