// GET /openapi.json: an OpenAPI 3.1 document of every route of access.ts. Query parameters and
// request bodies come from schemas/requests.schema.json (the definitions requests are validated
// against), answers from schemas/ (see openapi-schemas.ts); verdict routes are listed per verdict of
// the rule set in force, with the subject parameter named after the verdict's subject kind.
import { SUBJECT_KINDS } from '../model/fact.js';
import { type OperationId, ROUTES, type Route } from './access.js';
import { PROCEDURE_OPERATIONS } from './openapi-procedure.js';
import { componentSchemas } from './openapi-schemas.js';
import { hasBodySchema, type QueryParameter, queryParameters } from './requests.js';

type Doc = Record<string, unknown>;
const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Doc) => ({ 'application/json': { schema } });
const path = (name: string, description: string): Doc => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

/** A query parameter of requests.schema.json as an OpenAPI parameter object. */
function query(p: QueryParameter, required = p.required): Doc {
  const { description, ...schema } = p.schema;
  return { name: p.name, in: 'query', required, schema, ...(description ? { description } : {}) };
}

export interface VerdictDoc {
  id: string;
  subject: string;
}

interface Operation {
  /** Path parameters (query parameters and the body come from requests.schema.json). */
  parameters?: Doc[];
  ok: [number, Doc];
  errors: number[];
}

const OPERATIONS: Record<Exclude<OperationId, 'getVerdict'>, Operation> = {
  ...PROCEDURE_OPERATIONS,
  postFacts: { ok: [200, ref('FactsStored')], errors: [400, 409, 413, 415, 422] },
  getFacts: { ok: [200, ref('FactPage')], errors: [400] },
  postEvaluation: { ok: [201, ref('evaluation')], errors: [400, 404, 415, 422] },
  listEvaluations: { ok: [200, ref('EvaluationList')], errors: [400] },
  getEvaluation: { parameters: [path('id', 'evaluation id')], ok: [200, ref('evaluation')], errors: [404] },
  replayEvaluation: { parameters: [path('id', 'evaluation id')], ok: [200, ref('Replay')], errors: [404] },
  postVerdict: { ok: [200, ref('VerdictOrEvaluation')], errors: [400, 404, 415, 422] },
  listRulesets: { ok: [200, ref('RulesetList')], errors: [] },
  currentRuleset: { ok: [200, ref('Ruleset')], errors: [404] },
  validateRuleset: { ok: [200, ref('Validation')], errors: [400, 415] },
  publishRuleset: { ok: [201, ref('Published')], errors: [400, 415, 422] },
  rulesetImpact: { ok: [200, ref('ImpactReport')], errors: [400, 415, 422, 503] },
  getRuleset: {
    parameters: [path('hash', 'content hash (64 hex digits)')],
    ok: [200, ref('Ruleset')],
    errors: [400, 404],
  },
  listProvisions: { ok: [200, ref('Provisions')], errors: [400, 404] },
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
  const parameters = [
    ...(op.parameters ?? []),
    ...(extra.parameters ?? queryParameters(route.operationId).map((p) => query(p))),
  ];
  if (parameters.length > 0) doc.parameters = parameters;
  if (hasBodySchema(route.operationId)) {
    doc.requestBody = {
      required: route.body === 'required',
      content: json(ref(`requests.body.${route.operationId}`)),
    };
  }
  return doc;
}

const SUBJECT_PARAMETERS: ReadonlySet<string> = new Set(SUBJECT_KINDS);

const openapiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

export function openapiDocument(version: string, verdicts: VerdictDoc[]): Doc {
  const paths: Record<string, Doc> = {};
  const add = (p: string, method: string, doc: Doc) => {
    paths[p] = { ...(paths[p] ?? {}), [method]: doc };
  };
  for (const route of ROUTES) {
    if (route.operationId === 'getVerdict') {
      // The subject kinds the verdict is not about are left out: they are rejected for it.
      const all = queryParameters('getVerdict');
      for (const v of verdicts) {
        const parameters = all
          .filter((p) => p.name === v.subject || !SUBJECT_PARAMETERS.has(p.name))
          .map((p) => query(p, p.required || p.name === v.subject));
        parameters.sort((a, b) => Number(b.name === v.subject) - Number(a.name === v.subject));
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
