// Assessment rounds (A8.3): propose → review (approve / return, amendments) → publish, corrections
// of a published round, and drift. Who takes each step is the rule set's procedure. Every step
// is appended as the round's next seq; a step that finds the seq taken lost a race and is a 409.
import type { Evaluator } from '../engine/evaluator.js';
import type { Period } from '../periods/index.js';
import { procedureOf, type StepName } from '../rules/procedure.js';
import type { RoundEventRecord } from '../store/port.js';
import type { Deps } from './deps.js';
import { differences } from './diff.js';
import { conflict, invalid, notFound } from './errors.js';
import { createEvaluation, evaluateIn } from './evaluations.js';
import { appendFacts, checkFacts } from './facts.js';
import { checkKeys, checkPeriod, checkString, show } from './input.js';
import { amendmentFacts, checkAmendments, retractionsOf } from './round-amendments.js';
import {
  actingRole,
  type Caller,
  dueStep,
  foldRound,
  type HistoryEntry,
  type Publication,
  type RoundState,
  type RoundStatus,
  roundId,
  roundView,
} from './round-state.js';

const KIND = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const STATUSES: RoundStatus[] = ['proposed', 'reviewed', 'returned', 'published'];

async function procedureFor(deps: Deps, kind: string, period: Period) {
  const evaluator = await deps.catalog.evaluator(deps.catalog.inForceDuring(period));
  const periodStart = period.start;
  const procedure = procedureOf(evaluator.ruleSet.rules, kind);
  if (!procedure) {
    const known = evaluator.ruleSet.rules.flatMap((r) => (r.kind === 'procedure' ? [r.evaluation] : []));
    throw invalid(
      'no-procedure',
      `the rule set in force on ${periodStart} has no procedure for ${show(kind)} (it has: ${known.join(', ') || 'none'})`,
      [{ path: '/kind', message: 'no procedure for this evaluation kind' }],
    );
  }
  return { procedure, evaluator };
}

async function loadRound(deps: Deps, id: string): Promise<RoundState> {
  const state = foldRound(await deps.store.rounds.events(id));
  if (!state) throw notFound('round-not-found', `no round ${id}`);
  return state;
}

/** Stores the step as seq + 1 of `state`; a 409 when another step took that seq first. */
async function appendStep(
  deps: Deps,
  state: { id: string; kind: string; period: string; seq: number },
  entry: HistoryEntry & { status: RoundStatus; published?: Publication },
): Promise<RoundState> {
  const event: RoundEventRecord = {
    round: state.id,
    seq: state.seq + 1,
    kind: state.kind,
    period: state.period,
    at: entry.at,
    step: entry as unknown as Record<string, unknown>,
  };
  if (entry.published) event.publication = entry.published.id;
  if (!(await deps.store.rounds.append(event))) {
    throw conflict(
      'concurrent-step',
      `round ${state.id} changed while the ${entry.step} step was being taken; read it again and retry`,
    );
  }
  deps.logger.info(
    { round: state.id, step: entry.step, status: entry.status, by: entry.by.name },
    'round step',
  );
  return (await loadRoundAfter(deps, state.id)) as RoundState;
}

const loadRoundAfter = (deps: Deps, id: string) => deps.store.rounds.events(id).then(foldRound);

function note(body: Record<string, unknown>): { note?: string } {
  return body.note === undefined ? {} : { note: checkString(body.note, 'note') };
}

export async function createRound(deps: Deps, caller: Caller, body: unknown) {
  const request = checkKeys(body, 'a round', ['kind', 'period', 'note'], ['kind', 'period']);
  const kind = checkString(request.kind, 'kind', KIND, 'an evaluation kind');
  const period = checkPeriod(request.period, 'period');
  const { procedure } = await procedureFor(deps, kind, period);
  const id = roundId(kind, period.id);
  const existing = foldRound(await deps.store.rounds.events(id));
  if (existing) {
    throw conflict(
      'round-exists',
      `round ${id} exists already (${existing.status}); a new proposal for it is POST /v1/rounds/${id}/propose`,
      [{ round: id, status: existing.status }],
    );
  }
  const step = dueStep(procedure, null, 'propose');
  const role = actingRole(step, caller, kind);
  const evaluation = await createEvaluation(deps, { kind, period: period.id });
  const state = await appendStep(
    deps,
    { id, kind, period: period.id, seq: -1 },
    {
      step: 'propose',
      by: { role, name: caller.name },
      at: deps.now().toISOString(),
      ...note(request),
      evaluation: evaluation.id,
      status: 'proposed',
    },
  );
  return roundView(state);
}

async function roundAndProcedure(deps: Deps, id: string, name: StepName, caller: Caller) {
  const state = await loadRound(deps, id);
  const period = checkPeriod(state.period, 'period');
  const { procedure, evaluator } = await procedureFor(deps, state.kind, period);
  const step = dueStep(procedure, state, name);
  const role = actingRole(step, caller, state.kind);
  return { state, period, procedure, evaluator, step, role };
}

export async function reviewRound(deps: Deps, caller: Caller, id: string, body: unknown) {
  const request = checkKeys(body, 'a review', ['decision', 'note', 'amendments'], ['decision']);
  const { state, period, evaluator, step, role } = await roundAndProcedure(deps, id, 'review', caller);
  const decision = request.decision;
  if (decision !== 'approve' && decision !== 'return')
    throw invalid('invalid-value', `decision must be "approve" or "return" (got ${show(decision)})`);
  const amendments = checkAmendments(request.amendments, step, state.kind);
  if (decision === 'return' && amendments.length > 0)
    throw invalid('invalid-value', 'a returned round takes no amendments: the inspector proposes again');
  const at = deps.now().toISOString();
  const today = at.slice(0, 10);
  const facts = checkFacts(
    amendmentFacts(evaluator.ruleSet, state.kind, period, amendments, {
      round: state.id,
      seq: state.seq + 1,
      today,
    }),
    await deps.catalog.vocabulary(),
  );
  let evaluation = state.evaluation;
  if (facts.length > 0) {
    await deps.asOfGuard.beforeAppend();
    await appendFacts(deps.store, facts);
    evaluation = (await createEvaluation(deps, { kind: state.kind, period: period.id })).id;
  }
  const factIds = (i: number) =>
    facts.filter((f) => new RegExp(`-${i}-(grade|points)$`).test(f.id)).map((f) => f.id);
  try {
    const next = await appendStep(deps, state, {
      step: 'review',
      by: { role, name: caller.name },
      at,
      ...note(request),
      decision,
      ...(amendments.length > 0
        ? { amendments: amendments.map((a, i) => ({ ...a, facts: factIds(i) })) }
        : {}),
      evaluation,
      status: decision === 'approve' ? 'reviewed' : 'returned',
    });
    return roundView(next);
  } catch (error) {
    // The other step won: its amendments stand, ours must not count.
    if (facts.length > 0)
      await appendFacts(deps.store, retractionsOf(facts, today, `round ${id}: concurrent review`));
    throw error;
  }
}

export async function proposeAgain(deps: Deps, caller: Caller, id: string, body: unknown) {
  const request = checkKeys(body ?? {}, 'a proposal', ['note'], []);
  const { state, period, role } = await roundAndProcedure(deps, id, 'propose', caller);
  const evaluation = await createEvaluation(deps, { kind: state.kind, period: period.id });
  const corrects = state.status === 'published' ? state.publications.at(-1)?.id : undefined;
  const next = await appendStep(deps, state, {
    step: 'propose',
    by: { role, name: caller.name },
    at: deps.now().toISOString(),
    ...note(request),
    evaluation: evaluation.id,
    ...(corrects ? { corrects } : {}),
    status: 'proposed',
  });
  return roundView(next);
}

export async function publishRound(deps: Deps, caller: Caller, id: string, body: unknown) {
  const request = checkKeys(body ?? {}, 'a publication', ['note'], []);
  const { state, role } = await roundAndProcedure(deps, id, 'publish', caller);
  const at = deps.now().toISOString();
  const previous = state.publications.at(-1);
  const published: Publication = {
    id: `${state.kind}-${state.period}-${state.publications.length + 1}`,
    round: state.id,
    kind: state.kind,
    period: state.period,
    publishedAt: at,
    evaluation: state.evaluation,
    ...(previous ? { supersedes: previous.id } : {}),
  };
  const next = await appendStep(deps, state, {
    step: 'publish',
    by: { role, name: caller.name },
    at,
    ...note(request),
    evaluation: state.evaluation,
    publication: published.id,
    published,
    status: 'published',
  });
  return { ...roundView(next), publication: published };
}

export async function getRound(deps: Deps, id: string) {
  return roundView(await loadRound(deps, id));
}

export async function listRounds(deps: Deps, filter: { kind?: string; period?: string; status?: string }) {
  if (filter.status !== undefined && !STATUSES.includes(filter.status as RoundStatus))
    throw invalid(
      'invalid-parameter',
      `status must be one of ${STATUSES.join(', ')} (got ${show(filter.status)})`,
    );
  const events = await deps.store.rounds.list({ kind: filter.kind, period: filter.period });
  const byRound = new Map<string, RoundEventRecord[]>();
  for (const e of events) byRound.set(e.round, [...(byRound.get(e.round) ?? []), e]);
  const rounds = [...byRound.values()]
    .map(foldRound)
    .filter(
      (s): s is RoundState => s !== null && (filter.status === undefined || s.status === filter.status),
    );
  return { rounds: rounds.map(roundView) };
}

/** The latest publication of a round against the same computation over the facts known now. */
export async function roundDrift(deps: Deps, id: string) {
  const state = await loadRound(deps, id);
  const publication = state.publications.at(-1);
  if (!publication)
    throw conflict('not-published', `round ${id} is ${state.status} and has never been published`);
  const record = await deps.store.getEvaluation(publication.evaluation);
  if (!record)
    throw new Error(`publication ${publication.id} names evaluation ${publication.evaluation}, not stored`);
  const version = await deps.catalog.get(record.ruleset.hash);
  if (!version) throw new Error(`evaluation ${record.id} names rule set ${record.ruleset.hash}, not stored`);
  const evaluator: Evaluator = await deps.catalog.evaluator(version);
  const asOf = deps.now().toISOString();
  const { context } = await deps.contexts.get(evaluator, asOf);
  const now = JSON.parse(JSON.stringify(evaluateIn(context, record.kind, record.period).results)) as unknown;
  const diffs = differences({ results: record.results }, { results: now });
  return {
    publication: publication.id,
    evaluation: record.id,
    asOf,
    identical: diffs.length === 0,
    differences: diffs,
  };
}
