// GET /openapi.json: an OpenAPI 3.1 document of every route of access.ts. Schemas come from
// schemas/ (see openapi-schemas.ts); verdict routes are listed per verdict of the rule set in force,
// with the subject parameter named after the verdict's subject kind.
import { MAX_BATCH } from '../service/facts.js';
import { type OperationId, ROUTES, type Route } from './access.js';
import { PROCEDURE_OPERATIONS } from './openapi-procedure.js';
import { componentSchemas } from './openapi-schemas.js';

type Doc = Record<string, unknown>;
const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Doc) => ({ 'application/json': { schema } });
const query = (name: string, schema: Doc, description: string, required = false): Doc => ({
  name,
  in: 'query',
  required,
  schema,
  description,
});
const path = (name: string, description: string): Doc => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

export interface VerdictDoc {
  id: string;
  subject: string;
}

interface Operation {
  parameters?: Doc[];
  body?: Doc;
  ok: [number, Doc];
  errors: number[];
}

const ASOF = query(
  'asOf',
  { type: 'string', format: 'date-time' },
  'only facts recorded by then count (default: now)',
);

const OPERATIONS: Record<Exclude<OperationId, 'getVerdict'>, Operation> = {
  ...PROCEDURE_OPERATIONS,
  postFacts: {
    body: { oneOf: [ref('fact'), ref('fact-batch')] },
    ok: [200, ref('FactsStored')],
    errors: [400, 409, 413, 415, 422],
  },
  getFacts: {
    parameters: [
      query(
        'subject',
        { type: 'string', pattern: '^(staff|window|department):' },
        'kind:id, e.g. staff:S001',
      ),
      query('type', { type: 'string' }, 'fact type'),
      query('from', { type: 'string', format: 'date' }, 'occurredOn on or after'),
      query('to', { type: 'string', format: 'date' }, 'occurredOn on or before'),
      ASOF,
      query('includeRetracted', { type: 'boolean' }, 'list retracted facts too (default false)'),
      query('limit', { type: 'integer', minimum: 1, maximum: MAX_BATCH }, 'page size (default 1000)'),
      query('cursor', { type: 'string' }, '"next" of the previous page'),
    ],
    ok: [200, ref('FactPage')],
    errors: [400],
  },
  postEvaluation: {
    body: ref('EvaluationRequest'),
    ok: [201, ref('evaluation')],
    errors: [400, 404, 415, 422],
  },
  listEvaluations: {
    parameters: [
      query('kind', { type: 'string' }, 'evaluation kind'),
      query('period', { type: 'string' }, 'period id'),
    ],
    ok: [200, ref('EvaluationList')],
    errors: [400],
  },
  getEvaluation: { parameters: [path('id', 'evaluation id')], ok: [200, ref('evaluation')], errors: [404] },
  replayEvaluation: { parameters: [path('id', 'evaluation id')], ok: [200, ref('Replay')], errors: [404] },
  postVerdict: {
    body: ref('VerdictRequest'),
    ok: [200, ref('VerdictOrEvaluation')],
    errors: [400, 404, 415, 422],
  },
  listRulesets: { ok: [200, ref('RulesetList')], errors: [] },
  currentRuleset: { ok: [200, ref('Ruleset')], errors: [404] },
  validateRuleset: { body: ref('RuleFiles'), ok: [200, ref('Validation')], errors: [400, 415] },
  publishRuleset: { body: ref('RuleFiles'), ok: [201, ref('Published')], errors: [400, 415, 422] },
  rulesetImpact: { body: ref('ImpactRequest'), ok: [200, ref('ImpactReport')], errors: [400, 415, 422, 503] },
  getRuleset: {
    parameters: [path('hash', 'content hash (64 hex digits)')],
    ok: [200, ref('Ruleset')],
    errors: [400, 404],
  },
  listProvisions: {
    parameters: [query('ruleset', { type: 'string' }, 'a version or hash (default: the one in force today)')],
    ok: [200, ref('Provisions')],
    errors: [400, 404],
  },
  health: { ok: [200, ref('Health')], errors: [503] },
  openapi: { ok: [200, { type: 'object' }], errors: [] },
};

const REASONS: Record<number, string> = {
  400: 'malformed request (a parameter or field named in the message)',
  401: 'no or unknown API key',
  403: 'the key’s role may not do this',
  404: 'no such subject or record',
  409: 'contradicts what is stored',
  413: 'body over BODY_LIMIT',
  415: 'body is not application/json',
  422: 'content rejected; details name each problem',
  503: 'store unavailable',
};

function operation(route: Route, op: Operation, extra: { path?: string; parameters?: Doc[] } = {}): Doc {
  const secured = route.access !== 'public';
  const errors = [...(secured ? [401, 403] : []), ...op.errors].sort();
  const responses: Doc = { [String(op.ok[0])]: { description: 'OK', content: json(op.ok[1]) } };
  for (const status of errors)
    responses[String(status)] = { description: REASONS[status] ?? 'error', content: json(ref('error')) };
  const doc: Doc = {
    operationId: extra.path ? `${route.operationId}:${extra.path}` : route.operationId,
    summary: route.summary,
    description: secured ? `Roles: ${(route.access as readonly string[]).join(', ')}.` : 'Public.',
    'x-roles': secured ? route.access : [],
    security: secured ? [{ bearer: [] }, { apiKey: [] }] : [],
    responses,
  };
  const parameters = [...(op.parameters ?? []), ...(extra.parameters ?? [])];
  if (parameters.length > 0) doc.parameters = parameters;
  if (op.body) doc.requestBody = { required: route.body === 'required', content: json(op.body) };
  return doc;
}

const openapiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

export function openapiDocument(version: string, verdicts: VerdictDoc[]): Doc {
  const paths: Record<string, Doc> = {};
  const add = (p: string, method: string, doc: Doc) => {
    paths[p] = { ...(paths[p] ?? {}), [method]: doc };
  };
  for (const route of ROUTES) {
    if (route.operationId === 'getVerdict') {
      for (const v of verdicts) {
        const parameters = [
          query(v.subject, { type: 'string' }, `the ${v.subject} the verdict is about`, true),
          query('date', { type: 'string', format: 'date' }, 'the day the question is asked', true),
          ASOF,
        ];
        const op: Operation = { ok: [200, ref('verdict')], errors: [400, 404] };
        add(`/v1/verdicts/${v.id}`, 'get', operation(route, op, { path: v.id, parameters }));
      }
      continue;
    }
    add(openapiPath(route.path), route.method, operation(route, OPERATIONS[route.operationId]));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kaohe',
      version,
      description:
        'Policy-as-code service: facts in, evaluations and verdicts out, each traceable to its rule and provision.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
