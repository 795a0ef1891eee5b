// Every route of the HTTP contract with who may call it: the one table that the router, the
// authorization check, the OpenAPI document and the role-matrix test all read.
import { ROLES, type Role } from '../config/api-keys.js';
import { PROCEDURE_ROUTES, type ProcedureOperationId } from './access-procedure.js';

export type Method = 'get' | 'post';

export type OperationId =
  | 'postFacts'
  | 'getFacts'
  | 'postEvaluation'
  | 'listEvaluations'
  | 'getEvaluation'
  | 'replayEvaluation'
  | 'getVerdict'
  | 'postVerdict'
  | 'listRulesets'
  | 'currentRuleset'
  | 'validateRuleset'
  | 'publishRuleset'
  | 'rulesetImpact'
  | 'getRuleset'
  | 'listProvisions'
  | 'health'
  | 'openapi'
  | ProcedureOperationId;

export interface Route {
  method: Method;
  /** Express path; static paths come before parameterised siblings (they would shadow them). */
  path: string;
  operationId: OperationId;
  /** 'public' needs no key; otherwise the roles allowed. */
  access: 'public' | readonly Role[];
  /** POST routes: whether a JSON body is required (replay takes none). */
  body?: 'required' | 'optional';
  summary: string;
}

const ALL = ROLES;

export const ROUTES: readonly Route[] = [
  {
    method: 'post',
    path: '/v1/facts',
    operationId: 'postFacts',
    access: ['integrator'],
    body: 'required',
    summary: 'Store one fact or a batch of facts (atomic)',
  },
  {
    method: 'get',
    path: '/v1/facts',
    operationId: 'getFacts',
    access: ['officer', 'auditor'],
    summary: 'Facts as known at asOf, paged',
  },
  {
    method: 'post',
    path: '/v1/evaluations',
    operationId: 'postEvaluation',
    access: ['officer'],
    body: 'required',
    summary: 'Run and store an evaluation',
  },
  {
    method: 'get',
    path: '/v1/evaluations',
    operationId: 'listEvaluations',
    access: ['officer', 'auditor'],
    summary: 'Stored evaluations, by kind and period',
  },
  {
    method: 'get',
    path: '/v1/evaluations/:id',
    operationId: 'getEvaluation',
    // 督查部 and 考核小组 read the results a round proposes before they publish them (A8.3).
    access: ['officer', 'auditor', 'inspector', 'assessment-group'],
    summary: 'One stored evaluation',
  },
  {
    method: 'post',
    path: '/v1/evaluations/:id/replay',
    operationId: 'replayEvaluation',
    access: ['auditor'],
    body: 'optional',
    summary: 'Recompute a stored evaluation and compare',
  },
  {
    method: 'post',
    path: '/v1/verdicts',
    operationId: 'postVerdict',
    access: ['integrator'],
    body: 'required',
    summary: 'A verdict or evaluation over posted facts (stored nowhere)',
  },
  {
    method: 'get',
    path: '/v1/verdicts/:verdict',
    operationId: 'getVerdict',
    // The auditor checks a verdict with its evidence (issue #9); the decision log records who asked.
    access: ['integrator', 'auditor'],
    summary: 'A verdict about one subject on a date',
  },
  {
    method: 'get',
    path: '/v1/rulesets',
    operationId: 'listRulesets',
    access: ALL,
    summary: 'Every published rule-set version',
  },
  {
    method: 'get',
    path: '/v1/rulesets/current',
    operationId: 'currentRuleset',
    access: ALL,
    summary: 'The rule-set version in force today',
  },
  {
    method: 'post',
    path: '/v1/rulesets/validate',
    operationId: 'validateRuleset',
    access: ['officer'],
    body: 'required',
    summary: 'Check rule files; errors as file:line:col',
  },
  {
    method: 'post',
    path: '/v1/rulesets',
    operationId: 'publishRuleset',
    access: ['officer'],
    body: 'required',
    summary: 'Validate and publish rule files',
  },
  {
    method: 'post',
    path: '/v1/rulesets/impact',
    operationId: 'rulesetImpact',
    access: ['officer'],
    body: 'required',
    summary: 'What publishing draft rule files would change over the stored facts (stored nowhere)',
  },
  {
    method: 'get',
    path: '/v1/rulesets/:hash',
    operationId: 'getRuleset',
    access: ALL,
    summary: 'One published rule-set version',
  },
  {
    method: 'get',
    path: '/v1/provisions',
    operationId: 'listProvisions',
    access: ALL,
    summary: 'Every provision with its text and the rules encoding it',
  },
  ...PROCEDURE_ROUTES,
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    access: 'public',
    summary: 'Liveness, store kind and rule set in force',
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    access: 'public',
    summary: 'This API as OpenAPI 3.1',
  },
];

export function allows(route: Route, role: Role): boolean {
  return route.access === 'public' || route.access.includes(role);
}
