// OpenAPI operations of the procedure's routes (rounds, decisions, notices at /p/): path parameters
// and answers; query parameters and bodies come from schemas/requests.schema.json (openapi.ts).
import type { ProcedureOperationId } from './access-procedure.js';

type Doc = Record<string, unknown>;
const pathParam = (name: string, description: string): Doc => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

const by = { type: 'object', properties: { role: { type: 'string' }, name: { type: 'string' } } };
const publication: Doc = {
  type: 'object',
  required: ['id', 'round', 'kind', 'period', 'publishedAt', 'evaluation'],
  properties: {
    id: { type: 'string' },
    round: { type: 'string' },
    kind: { type: 'string' },
    period: { type: 'string' },
    publishedAt: { type: 'string', format: 'date-time' },
    evaluation: { type: 'string' },
    supersedes: { type: 'string' },
  },
};
const round: Doc = {
  type: 'object',
  required: ['id', 'kind', 'period', 'status', 'evaluation', 'history'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    period: { type: 'string' },
    status: { enum: ['proposed', 'reviewed', 'returned', 'published'] },
    evaluation: { type: 'string' },
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'by', 'at'],
        properties: {
          step: { enum: ['propose', 'review', 'publish'] },
          by,
          at: { type: 'string' },
          note: { type: 'string' },
        },
      },
    },
    publications: { type: 'array', items: publication },
    publication,
  },
};
const ROUND_ID = pathParam('id', 'round id, rd-<kind>-<period>');
const html: Doc = { type: 'string', description: 'text/html (or text/csv, xlsx, JSON by extension)' };

export const PROCEDURE_OPERATIONS: Record<
  ProcedureOperationId,
  { parameters?: Doc[]; ok: [number, Doc]; errors: number[] }
> = {
  postRound: {
    ok: [201, round],
    errors: [400, 409, 415, 422],
  },
  listRounds: {
    ok: [200, { type: 'object', properties: { rounds: { type: 'array', items: round } } }],
    errors: [400],
  },
  getRound: { parameters: [ROUND_ID], ok: [200, round], errors: [404] },
  reviewRound: {
    parameters: [ROUND_ID],
    ok: [200, round],
    errors: [400, 404, 409, 415, 422],
  },
  proposeRound: { parameters: [ROUND_ID], ok: [200, round], errors: [404, 409, 415] },
  publishRound: { parameters: [ROUND_ID], ok: [200, round], errors: [404, 409, 415] },
  roundDrift: {
    parameters: [ROUND_ID],
    ok: [
      200,
      {
        type: 'object',
        required: ['identical', 'differences'],
        properties: { identical: { type: 'boolean' }, differences: { type: 'array' } },
      },
    ],
    errors: [404, 409],
  },
  listDecisions: {
    ok: [
      200,
      { type: 'object', properties: { decisions: { type: 'array' }, next: { type: ['string', 'null'] } } },
    ],
    errors: [400],
  },
  listPublications: { ok: [200, html], errors: [] },
  publicationAsset: {
    parameters: [pathParam('asset', 'notice.css')],
    ok: [200, { type: 'string' }],
    errors: [404],
  },
  getPublication: {
    parameters: [pathParam('file', '<publication id>, or with .csv, .xlsx, .json')],
    ok: [200, html],
    errors: [404],
  },
};
