// The routes of the assessment procedure (rounds, publications, the decision log) with who may
// call them; access.ts lists them with the others. A round step's own role (inspector or
// assessment-group) is the rule set's procedure, checked by the service.

/** The shape of access.ts's Route, restated so the two files do not import each other. */
interface ProcedureRoute {
  method: 'get' | 'post';
  path: string;
  operationId: ProcedureOperationId;
  access: 'public' | readonly string[];
  body?: 'required' | 'optional';
  summary: string;
}

export type ProcedureOperationId =
  | 'postRound'
  | 'listRounds'
  | 'getRound'
  | 'reviewRound'
  | 'proposeRound'
  | 'publishRound'
  | 'roundDrift'
  | 'listDecisions'
  | 'listPublications'
  | 'publicationAsset'
  | 'getPublication';

const STEP_TAKERS = ['inspector', 'assessment-group'] as const;
const ROUND_READERS = ['inspector', 'assessment-group', 'auditor', 'officer'] as const;

export const PROCEDURE_ROUTES = [
  {
    method: 'post',
    path: '/v1/rounds',
    operationId: 'postRound',
    access: STEP_TAKERS,
    body: 'required',
    summary: 'Propose a round: compute and store the evaluation of a kind and period',
  },
  {
    method: 'get',
    path: '/v1/rounds',
    operationId: 'listRounds',
    access: ROUND_READERS,
    summary: 'Rounds, by kind, period and status',
  },
  {
    method: 'get',
    path: '/v1/rounds/:id',
    operationId: 'getRound',
    access: ROUND_READERS,
    summary: 'One round with its history',
  },
  {
    method: 'post',
    path: '/v1/rounds/:id/review',
    operationId: 'reviewRound',
    access: STEP_TAKERS,
    body: 'required',
    summary: 'Approve or return a proposed round, with amendments where the group determines a tier',
  },
  {
    method: 'post',
    path: '/v1/rounds/:id/propose',
    operationId: 'proposeRound',
    access: STEP_TAKERS,
    body: 'optional',
    summary: 'Propose again (a returned round) or a correction (a published one)',
  },
  {
    method: 'post',
    path: '/v1/rounds/:id/publish',
    operationId: 'publishRound',
    access: STEP_TAKERS,
    body: 'optional',
    summary: 'Publish a round: its notice becomes public at /p/{publication id}',
  },
  {
    method: 'get',
    path: '/v1/rounds/:id/drift',
    operationId: 'roundDrift',
    access: ROUND_READERS,
    summary: 'The published results against the facts known now',
  },
  {
    method: 'get',
    path: '/v1/decisions',
    operationId: 'listDecisions',
    access: ['auditor'],
    summary: 'The log of every verdict answered, paged',
  },
  {
    method: 'get',
    path: '/p/',
    operationId: 'listPublications',
    access: 'public',
    summary: 'The published notices (superseded ones marked)',
  },
  {
    method: 'get',
    path: '/p/assets/:asset',
    operationId: 'publicationAsset',
    access: 'public',
    summary: 'The style sheet of the notices',
  },
  {
    method: 'get',
    path: '/p/:file',
    operationId: 'getPublication',
    access: 'public',
    summary: 'A published notice: HTML, or .csv, .xlsx, .json',
  },
] as const satisfies readonly ProcedureRoute[];
