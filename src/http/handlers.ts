// One handler per operation of access.ts: read the request (strict query, path parameters, the
// parsed body), call the service, answer JSON. No business logic lives here.
import type { Request, Response } from 'express';
import { errorFields, type Logger } from '../log/logger.js';
import { notFound } from '../service/errors.js';
import { MAX_BATCH } from '../service/facts.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { type OperationId, ROUTES } from './access.js';
import { actingRole, type Principal } from './auth.js';
import { HttpError } from './errors.js';
import { procedureHandlers } from './handlers-procedure.js';
import * as p from './query.js';
import { answerVerdict } from './verdict-route.js';

export type Handler = (req: Request, res: Response) => Promise<void> | void;

const KIND = p.token(
  /^[a-z0-9][a-z0-9.-]{0,63}$/,
  'an evaluation kind (lower-case letters, digits, "-", ".")',
);
const RULESET_REF = p.token(/^[A-Za-z0-9._:+-]{1,128}$/, 'a rule-set version or hash');
const RECORD_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const HASH = /^[0-9a-f]{64}$/;

function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** Who asks a verdict, for the decision log. */
function asker(res: Response, operation: OperationId) {
  const principal = res.locals.principal as Principal | undefined;
  const route = ROUTES.find((r) => r.operationId === operation);
  if (!principal || !route) return undefined;
  return { name: principal.name, role: actingRole(principal, route) };
}

export function handlers(
  service: KaoheService,
  openapi: () => Promise<unknown>,
  logger: Logger,
): Record<OperationId, Handler> {
  const noQuery = (req: Request) => p.parseQuery(req.originalUrl, {});
  return {
    ...procedureHandlers(service),
    async postFacts(req, res) {
      noQuery(req);
      res.json(await service.postFacts(req.body));
    },
    async getFacts(req, res) {
      const q = p.parseQuery(req.originalUrl, {
        subject: p.subject,
        type: p.token(/^[a-z][a-z.-]{0,63}$/, 'a fact type, e.g. finding'),
        from: p.date,
        to: p.date,
        asOf: p.instant,
        includeRetracted: p.boolean,
        limit: p.integer(1, MAX_BATCH),
        cursor: p.token(/^[A-Za-z0-9_-]{1,64}$/, 'the "next" value of a previous page'),
      });
      res.json(await service.queryFacts(q));
    },
    async postEvaluation(req, res) {
      noQuery(req);
      const evaluation = await service.createEvaluation(req.body);
      res.status(201).location(`/v1/evaluations/${evaluation.id}`).json(evaluation);
    },
    async listEvaluations(req, res) {
      const q = p.parseQuery(req.originalUrl, { kind: KIND, period: p.period });
      res.json(await service.listEvaluations({ kind: q.kind, period: q.period?.id }));
    },
    async getEvaluation(req, res) {
      noQuery(req);
      const id = pathParam(req, 'id');
      if (!RECORD_ID.test(id)) throw notFound('evaluation-not-found', 'no such evaluation');
      res.json(await service.getEvaluation(id));
    },
    async replayEvaluation(req, res) {
      noQuery(req);
      if (
        req.body !== undefined &&
        !(typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length === 0)
      ) {
        throw new HttpError(400, 'invalid-body', 'replay takes no body (or {})');
      }
      const id = pathParam(req, 'id');
      if (!RECORD_ID.test(id)) throw notFound('evaluation-not-found', 'no such evaluation');
      res.json(await service.replay(id));
    },
    async getVerdict(req, res) {
      res.json(
        await answerVerdict(service, req.originalUrl, pathParam(req, 'verdict'), asker(res, 'getVerdict')),
      );
    },
    async postVerdict(req, res) {
      noQuery(req);
      res.json(await service.verdictOverFacts(req.body, asker(res, 'postVerdict')));
    },
    async listRulesets(req, res) {
      noQuery(req);
      res.json(await service.listRulesets());
    },
    async currentRuleset(req, res) {
      noQuery(req);
      res.json(await service.currentRuleset());
    },
    async validateRuleset(req, res) {
      noQuery(req);
      res.json(service.validateFiles(req.body));
    },
    async publishRuleset(req, res) {
      noQuery(req);
      const outcome = await service.publishFiles(req.body);
      res.status(outcome.published ? 201 : 200).json(outcome);
    },
    async rulesetImpact(req, res) {
      noQuery(req);
      res.json(await service.rulesetImpact(req.body));
    },
    async getRuleset(req, res) {
      noQuery(req);
      const hash = pathParam(req, 'hash');
      if (!HASH.test(hash)) {
        throw new HttpError(
          400,
          'invalid-parameter',
          `rule-set hash must be 64 lower-case hex digits (got ${JSON.stringify(hash.slice(0, 80))})`,
        );
      }
      res.json(await service.rulesetByHash(hash));
    },
    async listProvisions(req, res) {
      const q = p.parseQuery(req.originalUrl, { ruleset: RULESET_REF });
      res.json(await service.provisions(q.ruleset));
    },
    async health(req, res) {
      noQuery(req);
      try {
        res.json(await service.health());
      } catch (error) {
        // The cause (hosts, ports) is for the operator's log, not for a public endpoint.
        logger.error('health check failed', { requestId: res.locals.requestId, ...errorFields(error) });
        throw new HttpError(503, 'unavailable', 'the store does not answer');
      }
    },
    async openapi(req, res) {
      noQuery(req);
      res.json(await openapi());
    },
  };
}
