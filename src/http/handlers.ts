// One handler per operation of access.ts: read the request (query and body as
// schemas/requests.schema.json describes them, path parameters), call the service, answer JSON.
// No business logic lives here.
import type { Request, Response } from 'express';
import { SUBJECT_KINDS, type SubjectKind } from '../model/fact.js';
import { notFound } from '../service/errors.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { type OperationId, ROUTES } from './access.js';
import { actingRole, type Principal } from './auth.js';
import { HttpError } from './errors.js';
import { procedureHandlers } from './handlers-procedure.js';
import { sendJson } from './json.js';
import { bodyChecker, paramError, periodParam, type Query, queryReader, text } from './requests.js';

export type Handler = (req: Request, res: Response) => Promise<void> | void;

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
): Record<OperationId, Handler> {
  // Every route reads its query through its schema (a route without one takes no parameters).
  const query = Object.fromEntries(
    ROUTES.map((route) => [route.operationId, queryReader(route.operationId)]),
  ) as Record<OperationId, (url: string) => Query>;
  const checkEvaluation = bodyChecker('postEvaluation', 'an evaluation request');
  const checkReplay = bodyChecker('replayEvaluation', 'a replay request');
  const checkValidate = bodyChecker('validateRuleset', 'the rule files');
  const checkPublish = bodyChecker('publishRuleset', 'the rule files');
  const checkImpact = bodyChecker('rulesetImpact', 'an impact request');
  return {
    ...procedureHandlers(service, query),
    async postFacts(req, res) {
      query.postFacts(req.originalUrl);
      sendJson(res, 200, await service.postFacts(req.body));
    },
    async getFacts(req, res) {
      const q = query.getFacts(req.originalUrl);
      const subject = text(q, 'subject');
      const colon = subject?.indexOf(':') ?? -1;
      sendJson(
        res,
        200,
        await service.queryFacts({
          subject: subject
            ? { kind: subject.slice(0, colon) as SubjectKind, id: subject.slice(colon + 1) }
            : undefined,
          type: text(q, 'type'),
          from: text(q, 'from'),
          to: text(q, 'to'),
          asOf: text(q, 'asOf'),
          includeRetracted: q.includeRetracted as boolean | undefined,
          limit: q.limit as number | undefined,
          cursor: text(q, 'cursor'),
        }),
      );
    },
    async postEvaluation(req, res) {
      query.postEvaluation(req.originalUrl);
      checkEvaluation(req.body);
      const evaluation = await service.createEvaluation(req.body);
      res.setHeader('Location', `/v1/evaluations/${evaluation.id}`);
      sendJson(res, 201, evaluation);
    },
    async listEvaluations(req, res) {
      const q = query.listEvaluations(req.originalUrl);
      sendJson(
        res,
        200,
        await service.listEvaluations({
          kind: text(q, 'kind'),
          period: periodParam(q),
        }),
      );
    },
    async getEvaluation(req, res) {
      query.getEvaluation(req.originalUrl);
      const id = pathParam(req, 'id');
      if (!RECORD_ID.test(id)) throw notFound('evaluation-not-found', 'no such evaluation');
      sendJson(res, 200, await service.getEvaluation(id));
    },
    async replayEvaluation(req, res) {
      query.replayEvaluation(req.originalUrl);
      if (req.body !== undefined) checkReplay(req.body);
      const id = pathParam(req, 'id');
      if (!RECORD_ID.test(id)) throw notFound('evaluation-not-found', 'no such evaluation');
      sendJson(res, 200, await service.replay(id));
    },
    async getVerdict(req, res) {
      const q = query.getVerdict(req.originalUrl);
      const verdict = pathParam(req, 'verdict');
      const date = text(q, 'date') as string; // required by the schema
      // The subject's parameter is named after the verdict's subject kind (e.g. staff=S001).
      const kind = await service.verdictSubjectKind(verdict, date);
      for (const other of SUBJECT_KINDS) {
        if (other !== kind && q[other] !== undefined) {
          throw paramError(other, `unknown parameter; this verdict is about a ${kind}: give ${kind}=<id>`);
        }
      }
      const subjectId = text(q, kind);
      if (subjectId === undefined) throw paramError(kind, 'required');
      sendJson(
        res,
        200,
        await service.verdict({
          verdict,
          subjectId,
          date,
          asOf: text(q, 'asOf'),
          asker: asker(res, 'getVerdict'),
        }),
      );
    },
    async postVerdict(req, res) {
      query.postVerdict(req.originalUrl);
      sendJson(res, 200, await service.verdictOverFacts(req.body, asker(res, 'postVerdict')));
    },
    async listRulesets(req, res) {
      query.listRulesets(req.originalUrl);
      sendJson(res, 200, await service.listRulesets());
    },
    async currentRuleset(req, res) {
      query.currentRuleset(req.originalUrl);
      sendJson(res, 200, await service.currentRuleset());
    },
    async validateRuleset(req, res) {
      query.validateRuleset(req.originalUrl);
      checkValidate(req.body);
      sendJson(res, 200, service.validateFiles(req.body));
    },
    async publishRuleset(req, res) {
      query.publishRuleset(req.originalUrl);
      checkPublish(req.body);
      const outcome = await service.publishFiles(req.body);
      sendJson(res, outcome.published ? 201 : 200, outcome);
    },
    async rulesetImpact(req, res) {
      query.rulesetImpact(req.originalUrl);
      checkImpact(req.body);
      sendJson(res, 200, await service.rulesetImpact(req.body));
    },
    async getRuleset(req, res) {
      query.getRuleset(req.originalUrl);
      const hash = pathParam(req, 'hash');
      if (!HASH.test(hash)) {
        throw new HttpError(
          400,
          'invalid-parameter',
          `rule-set hash must be 64 lower-case hex digits (got ${JSON.stringify(hash.slice(0, 80))})`,
        );
      }
      sendJson(res, 200, await service.rulesetByHash(hash));
    },
    async listProvisions(req, res) {
      const q = query.listProvisions(req.originalUrl);
      sendJson(res, 200, await service.provisions(text(q, 'ruleset')));
    },
    async health(req, res) {
      query.health(req.originalUrl);
      try {
        sendJson(res, 200, await service.health());
      } catch (error) {
        // The cause (hosts, ports) is for the operator's log, not for a public endpoint.
        res.locals.log.error({ err: error }, 'health check failed');
        throw new HttpError(503, 'unavailable', 'the store does not answer');
      }
    },
    async openapi(req, res) {
      query.openapi(req.originalUrl);
      sendJson(res, 200, await openapi());
    },
  };
}
