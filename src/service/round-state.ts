// A round is the fold of its stored steps: its status, current evaluation, history and
// publications. Pure functions; rounds.ts takes the steps and stores them.
import type { ProcedureRule, ProcedureStep, StepName } from '../rules/procedure.js';
import type { RoundEventRecord } from '../store/port.js';
import { conflict, forbidden } from './errors.js';

export type RoundStatus = 'proposed' | 'reviewed' | 'returned' | 'published';

/** Who takes a step: the API key's name and the role it acted in. */
export interface Caller {
  name: string;
  roles: readonly string[];
}

export interface Publication {
  id: string;
  round: string;
  kind: string;
  period: string;
  publishedAt: string;
  evaluation: string;
  supersedes?: string;
}

export interface HistoryEntry {
  step: StepName;
  by: { role: string; name: string };
  at: string;
  note?: string;
  evaluation?: string;
  decision?: 'approve' | 'return';
  amendments?: unknown[];
  publication?: string;
  corrects?: string;
}

export interface RoundState {
  id: string;
  kind: string;
  period: string;
  status: RoundStatus;
  evaluation: string;
  history: HistoryEntry[];
  publications: Publication[];
  /** The seq of the last step; the next step is stored as seq + 1. */
  seq: number;
}

export const roundId = (kind: string, period: string) => `rd-${kind}-${period}`;

export function foldRound(events: RoundEventRecord[]): RoundState | null {
  const first = events[0];
  if (!first) return null;
  const state: RoundState = {
    id: first.round,
    kind: first.kind,
    period: first.period,
    status: 'proposed',
    evaluation: '',
    history: [],
    publications: [],
    seq: -1,
  };
  for (const e of events) {
    const step = e.step as unknown as HistoryEntry & { status: RoundStatus; published?: Publication };
    state.seq = e.seq;
    state.status = step.status;
    if (step.evaluation) state.evaluation = step.evaluation;
    if (step.published) state.publications.push(step.published);
    const { status: _s, published: _p, ...entry } = step;
    state.history.push(entry);
  }
  return state;
}

/** The round as answered over HTTP. */
export function roundView(state: RoundState) {
  const { seq: _seq, ...view } = state;
  return view;
}

/** The step that comes next in a round of this procedure, from its status. */
export function nextStep(procedure: Pick<ProcedureRule, 'steps'>, status: RoundStatus): ProcedureStep {
  const has = (name: StepName) => procedure.steps.find((s) => s.step === name);
  const wanted: StepName =
    status === 'proposed'
      ? has('review')
        ? 'review'
        : 'publish'
      : status === 'reviewed'
        ? 'publish'
        : 'propose';
  return has(wanted) as ProcedureStep;
}

/** The procedure's step `name`, checked against the round's status: 409 naming the step that is due. */
export function dueStep(procedure: ProcedureRule, state: RoundState | null, name: StepName): ProcedureStep {
  const step = procedure.steps.find((s) => s.step === name);
  const due = state ? nextStep(procedure, state.status) : procedure.steps[0];
  if (!step || !due || due.step !== name) {
    const where = state ? `round ${state.id} is ${state.status}` : 'the round does not exist yet';
    const absent = step ? '' : ` (the procedure of ${procedure.evaluation} has no ${name} step)`;
    throw conflict(
      'step-out-of-order',
      `${where}: the next step is ${due?.step} by role ${due?.role}, not ${name}${absent}`,
      [{ step: due?.step, role: due?.role }],
    );
  }
  return step;
}

/** The role the caller takes the step in: 403 naming the role the procedure needs. */
export function actingRole(step: ProcedureStep, caller: Caller, kind: string): string {
  if (caller.roles.includes(step.role)) return step.role;
  throw forbidden(
    'wrong-role',
    `the ${step.step} step of ${kind} is taken by role ${step.role}; this key has ${caller.roles.join(', ')}`,
    [{ step: step.step, role: step.role }],
  );
}
