// OpenAPI operations of the procedure's routes (rounds, decisions, notices at /p/).
import type { ProcedureOperationId } from './access-procedure.js';

type Doc = Record<string, unknown>;
const pathParam = (name: string, description: string): Doc => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const query = (name: string, schema: Doc, description: string): Doc => ({
  name,
  in: 'query',
  required: false,
  schema,
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
const note = { note: { type: 'string' } };
const stepBody: Doc = { type: 'object', additionalProperties: false, properties: note };
const html: Doc = { type: 'string', description: 'text/html (or text/csv, xlsx, JSON by extension)' };

export const PROCEDURE_OPERATIONS: Record<
  ProcedureOperationId,
  { parameters?: Doc[]; body?: Doc; ok: [number, Doc]; errors: number[] }
> = {
  postRound: {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'period'],
      properties: { kind: { type: 'string' }, period: { type: 'string' }, ...note },
    },
    ok: [201, round],
    errors: [400, 409, 415, 422],
  },
  listRounds: {
    parameters: [
      query('kind', { type: 'string' }, 'evaluation kind'),
      query('period', { type: 'string' }, 'period id'),
      query('status', { enum: ['proposed', 'reviewed', 'returned', 'published'] }, 'round status'),
    ],
    ok: [200, { type: 'object', properties: { rounds: { type: 'array', items: round } } }],
    errors: [400],
  },
  getRound: { parameters: [ROUND_ID], ok: [200, round], errors: [404] },
  reviewRound: {
    parameters: [ROUND_ID],
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['decision'],
      properties: {
        decision: { enum: ['approve', 'return'] },
        ...note,
        amendments: {
          type: 'array',
          items: {
            type: 'object',
            required: ['subject', 'reason'],
            properties: {
              subject: { type: 'string' },
              grade: { type: 'string' },
              points: { type: 'number' },
              reason: { type: 'string' },
            },
          },
        },
      },
    },
    ok: [200, round],
    errors: [400, 404, 409, 415, 422],
  },
  proposeRound: { parameters: [ROUND_ID], body: stepBody, ok: [200, round], errors: [404, 409, 415] },
  publishRound: { parameters: [ROUND_ID], body: stepBody, ok: [200, round], errors: [404, 409, 415] },
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
    parameters: [
      query('subject', { type: 'string' }, 'kind:id, e.g. staff:S007'),
      query('from', { type: 'string', format: 'date' }, 'answered on or after (UTC day)'),
      query('to', { type: 'string', format: 'date' }, 'answered on or before (UTC day)'),
      query('limit', { type: 'integer', minimum: 1 }, 'page size (default 1000)'),
      query('cursor', { type: 'string' }, '"next" of the previous page'),
    ],
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
