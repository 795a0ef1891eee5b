// Handlers of the procedure's routes (access-procedure.ts): rounds, the decision log and the
// public notices at /p/. The caller's key name and roles go to the service, which checks the
// procedure's role for each step.
import type { Request, Response } from 'express';
import { renderCsv, renderHtml, renderList, renderXlsx } from '../documents/render.js';
import { notFound } from '../service/errors.js';
import { MAX_BATCH } from '../service/facts.js';
import type { KaoheService } from '../service/kaohe-service.js';
import type { Caller } from '../service/round-state.js';
import type { ProcedureOperationId } from './access-procedure.js';
import type { Principal } from './auth.js';
import * as p from './query.js';

type Handler = (req: Request, res: Response) => Promise<void> | void;

const ROUND_ID = /^rd-[a-z0-9][a-z0-9.-]{0,63}-[0-9A-Za-z-]{4,12}$/;
const KIND = p.token(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'an evaluation kind');
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

const noQuery = (req: Request) => p.parseQuery(req.originalUrl, {});

export function procedureHandlers(service: KaoheService): Record<ProcedureOperationId, Handler> {
  return {
    async postRound(req, res) {
      noQuery(req);
      const round = await service.createRound(caller(res), req.body);
      res.status(201).location(`/v1/rounds/${round.id}`).json(round);
    },
    async listRounds(req, res) {
      const q = p.parseQuery(req.originalUrl, {
        kind: KIND,
        period: p.period,
        status: p.token(/^[a-z]{1,16}$/, 'a round status'),
      });
      res.json(await service.listRounds({ kind: q.kind, period: q.period?.id, status: q.status }));
    },
    async getRound(req, res) {
      noQuery(req);
      res.json(await service.getRound(roundId(req)));
    },
    async reviewRound(req, res) {
      noQuery(req);
      res.json(await service.reviewRound(caller(res), roundId(req), req.body));
    },
    async proposeRound(req, res) {
      noQuery(req);
      res.json(await service.proposeRound(caller(res), roundId(req), req.body));
    },
    async publishRound(req, res) {
      noQuery(req);
      res.json(await service.publishRound(caller(res), roundId(req), req.body));
    },
    async roundDrift(req, res) {
      noQuery(req);
      res.json(await service.roundDrift(roundId(req)));
    },
    async listDecisions(req, res) {
      const q = p.parseQuery(req.originalUrl, {
        subject: p.token(/^[a-z]+:[\p{L}\p{N}._-]{1,64}$/u, 'a subject such as staff:S007'),
        from: p.date,
        to: p.date,
        limit: p.integer(1, MAX_BATCH),
        cursor: p.token(/^[A-Za-z0-9_-]{1,128}$/, 'the "next" value of a previous page'),
      });
      res.json(await service.decisions(q));
    },
    async listPublications(req, res) {
      noQuery(req);
      const html = renderList(service.templates, await service.publications(), `assets/${CSS_ASSET}`);
      res.type('html').send(html);
    },
    async publicationAsset(req, res) {
      noQuery(req);
      if (param(req, 'asset') !== CSS_ASSET) throw notFound('no-such-asset', 'no such asset');
      res.type('css').set('Cache-Control', 'public, max-age=3600').send(service.templates.css);
    },
    async getPublication(req, res) {
      noQuery(req);
      const m = FILE.exec(param(req, 'file'));
      if (!m) throw notFound('publication-not-found', 'no such publication');
      const [, id = '', format] = m;
      const { notice, publication } = await service.publishedNotice(id);
      const name = encodeURIComponent(id);
      if (format === 'json') {
        res.json({ publication, supersededBy: notice.publication?.supersededBy ?? null, notice });
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
