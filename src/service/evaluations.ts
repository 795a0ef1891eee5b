// Stored, replayable evaluations. An evaluation records the rule-set version (by hash) and the
// asOf it used; its replay reloads that version from the store and recomputes over the facts known
// at that asOf, so it stays identical after later facts, retractions, versions and restarts.
import { EvaluationError } from '../engine/context.js';
import type { EvaluationContext } from '../engine/evaluator.js';
import { UnpricedFactError } from '../engine/fact-price.js';
import type { EvaluationBody } from '../engine/types.js';
import { PeriodError } from '../periods/index.js';
import { RecordConflictError } from '../store/common.js';
import type { EvaluationRecord } from '../store/port.js';
import type { Deps } from './deps.js';
import { type Difference, differences } from './diff.js';
import { invalid, notFound, ServiceError, unprocessable } from './errors.js';
import { evaluationId } from './ids.js';
import { checkInstant, checkKeys, checkPeriod, checkString } from './input.js';

/** An evaluation as answered: the stored record less its bookkeeping (createdAt). */
export type Evaluation = Omit<EvaluationRecord, 'createdAt'>;

export interface ReplayOutcome {
  identical: boolean;
  differences: Difference[];
}

const KIND = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** The evaluation of a context, with the engine's request errors as 400s. */
export function evaluateIn(context: EvaluationContext, kind: string, period: string): EvaluationBody {
  try {
    return context.evaluate(kind, period);
  } catch (error) {
    if (error instanceof UnpricedFactError) throw unpricedFact(error);
    if (error instanceof EvaluationError || error instanceof PeriodError) {
      throw invalid(error.code, error.message, [
        { path: error.code === 'unknown-kind' ? '/kind' : '/period', message: error.message },
      ]);
    }
    throw error;
  }
}

/** The request is well formed, but a stored fact cannot be priced by the rule set in force. */
export const unpricedFact = (error: UnpricedFactError) =>
  unprocessable(error.code, error.message, [{ factId: error.factId, message: error.message }]);

/** asOf of a request: given (never in the future, or a replay could see later facts), or now. */
export function requestAsOf(deps: Deps, value: unknown): string {
  if (value === undefined) return deps.asOfGuard.take();
  const asOf = checkInstant(value, 'asOf');
  const now = deps.now();
  if (Date.parse(asOf) > now.getTime()) {
    throw invalid(
      'asof-in-future',
      `asOf ${asOf} is in the future (now is ${now.toISOString()}); omit it to mean now`,
    );
  }
  return asOf;
}

export async function createEvaluation(deps: Deps, body: unknown): Promise<Evaluation> {
  const request = checkKeys(
    body,
    'an evaluation request',
    ['kind', 'period', 'asOf', 'ruleset'],
    ['kind', 'period'],
  );
  const kind = checkString(
    request.kind,
    'kind',
    KIND,
    'an evaluation kind (lower-case letters, digits, "-", ".")',
  );
  const period = checkPeriod(request.period, 'period');
  const version =
    request.ruleset === undefined
      ? deps.catalog.inForceDuring(period)
      : await deps.catalog.resolve(checkString(request.ruleset, 'ruleset'));
  const asOf = requestAsOf(deps, request.asOf);
  // Other instances may still be committing batches recorded at or before asOf: wait for them and
  // make every later batch later, so that the replay sees exactly these facts.
  await deps.store.settle(asOf);
  const evaluator = await deps.catalog.evaluator(version);
  const { context } = await deps.contexts.get(evaluator, asOf);
  const result = evaluateIn(context, kind, period.id);
  const record: EvaluationRecord = {
    id: evaluationId(deps.now()),
    kind: result.kind,
    period: result.period,
    asOf,
    ruleset: result.ruleset,
    factsDigest: result.factsDigest,
    results: result.results,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.store.putEvaluation(record);
  } catch (error) {
    // The store's conflict becomes the service's, so that adapters need not know the store.
    if (error instanceof RecordConflictError) throw new ServiceError('conflict', error.code, error.message);
    throw error;
  }
  deps.logger.info(
    { evaluation: record.id, kind, period: period.id, asOf, ruleset: result.ruleset.hash },
    'evaluation stored',
  );
  return publicEvaluation(record);
}

function publicEvaluation(record: EvaluationRecord): Evaluation {
  const { createdAt: _createdAt, ...evaluation } = record;
  return evaluation;
}

async function recorded(deps: Deps, id: string): Promise<EvaluationRecord> {
  const record = await deps.store.getEvaluation(id);
  if (!record) throw notFound('evaluation-not-found', `no evaluation ${id}`);
  return record;
}

export async function getEvaluation(deps: Deps, id: string): Promise<Evaluation> {
  return publicEvaluation(await recorded(deps, id));
}

export async function listEvaluations(deps: Deps, filter: { kind?: string; period?: string }) {
  const records = await deps.store.listEvaluations(filter);
  return { evaluations: records.map(publicEvaluation) };
}

export async function replayEvaluation(deps: Deps, id: string): Promise<ReplayOutcome> {
  const record = await recorded(deps, id);
  const version = await deps.catalog.get(record.ruleset.hash);
  if (!version)
    throw new Error(`evaluation ${id} names rule set ${record.ruleset.hash}, which is not stored`);
  const evaluator = await deps.catalog.evaluator(version);
  const { context } = await deps.contexts.get(evaluator, record.asOf);
  const replayed = context.evaluate(record.kind, record.period);
  // Through JSON like the recorded side, so only content can differ.
  const mine = JSON.parse(
    JSON.stringify({ factsDigest: replayed.factsDigest, results: replayed.results }),
  ) as unknown;
  const diffs = differences({ factsDigest: record.factsDigest, results: record.results }, mine);
  deps.logger.info(
    { evaluation: id, identical: diffs.length === 0, differences: diffs.length },
    'evaluation replayed',
  );
  return { identical: diffs.length === 0, differences: diffs };
}
