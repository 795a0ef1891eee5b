// Verdicts about one subject on a date (over stored facts as known at asOf), and verdicts or
// evaluations over facts a client posts and we never store.
import { EvaluationError } from '../engine/context.js';
import type { EvaluationContext, Evaluator } from '../engine/evaluator.js';
import { UnpricedFactError } from '../engine/fact-price.js';
import type { VerdictBody } from '../engine/types.js';
import type { StoredFact, SubjectKind } from '../model/fact.js';
import { PeriodError } from '../periods/index.js';
import { type Asker, verdictAnswer } from './decision-log.js';
import type { Deps } from './deps.js';
import { invalid, notFound } from './errors.js';
import { evaluateIn, unpricedFact } from './evaluations.js';
import { checkFactList, checkFacts } from './facts.js';
import { checkDate, checkInstant, checkKeys, checkPeriod, checkString, isObject, show } from './input.js';

const SUBJECT_ID = /^[\p{L}\p{N}._-]{1,64}$/u;

export interface VerdictRequest {
  verdict: string;
  subjectId: string;
  date: string;
  asOf?: string;
  /** Who asks (recorded in the decision log). */
  asker?: Asker;
}

const NOBODY: Asker = { name: 'in-process', role: 'none' };

/** The rule set in force on `date` and its verdict rule (404 when that rule set has no such verdict). */
async function verdictRule(
  deps: Deps,
  verdict: string,
  date: string,
): Promise<{ evaluator: Evaluator; subject: SubjectKind }> {
  const evaluator = await deps.catalog.evaluator(deps.catalog.inForceOrFail(date));
  const rule = evaluator.ruleSet.rulesById.get(verdict);
  if (rule?.kind !== 'verdict') {
    const known = evaluator.verdicts().join(', ') || 'none';
    throw notFound(
      'unknown-verdict',
      `the rule set in force on ${date} defines no verdict ${show(verdict)} (it defines: ${known})`,
    );
  }
  return { evaluator, subject: rule.subject };
}

/** Which subject kind a verdict is about (the HTTP adapter names its query parameter after it). */
export async function verdictSubjectKind(deps: Deps, verdict: string, date: string): Promise<SubjectKind> {
  return (await verdictRule(deps, checkString(verdict, 'verdict'), checkDate(date, 'date'))).subject;
}

async function runVerdict(
  context: EvaluationContext,
  verdict: string,
  subjectId: string,
  date: string,
): Promise<VerdictBody> {
  try {
    return await context.verdict(verdict, subjectId, date);
  } catch (error) {
    if (error instanceof UnpricedFactError) throw unpricedFact(error);
    if (error instanceof EvaluationError && error.code === 'unknown-subject')
      throw notFound('unknown-subject', error.message);
    if (error instanceof EvaluationError || error instanceof PeriodError)
      throw invalid(error.code, error.message);
    throw error;
  }
}

// A verdict is a pure function of the context (rule set + facts at one watermark) and of
// (verdict, subject, date), so its answer is kept with the context and dies with it. Verdicts are
// asked again and again (integrators poll), and this turns a repeat into a map lookup.
const MEMO_LIMIT = 50_000;
const memos = new WeakMap<EvaluationContext, Map<string, Promise<VerdictBody>>>();

function memoVerdict(
  context: EvaluationContext,
  verdict: string,
  subjectId: string,
  date: string,
): Promise<VerdictBody> {
  let memo = memos.get(context);
  if (!memo) {
    memo = new Map();
    memos.set(context, memo);
  }
  const key = `${verdict}\u0000${subjectId}\u0000${date}`;
  let pending = memo.get(key);
  if (!pending) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    pending = runVerdict(context, verdict, subjectId, date);
    memo.set(key, pending);
    const held = memo;
    pending.catch(() => held.delete(key)); // errors (e.g. an unknown subject) are not kept
  }
  return pending;
}

/** `asOf` goes right after `date`, as the contract shows it. */
function withAsOf(body: VerdictBody, asOf: string): Record<string, unknown> {
  const { subject, date, ...rest } = body;
  return { subject, date, asOf, ...rest };
}

export async function verdict(deps: Deps, request: VerdictRequest): Promise<Record<string, unknown>> {
  const date = checkDate(request.date, 'date');
  const subjectId = checkString(
    request.subjectId,
    'subject id',
    SUBJECT_ID,
    'a subject id (letters, digits, ".", "_", "-")',
  );
  const { evaluator, subject } = await verdictRule(deps, request.verdict, date);
  // Any asOf, future included: a verdict is not recorded, so nothing must replay it.
  const asOf = request.asOf === undefined ? deps.now().toISOString() : checkInstant(request.asOf, 'asOf');
  const { context } = await deps.contexts.get(evaluator, asOf);
  const body = await memoVerdict(context, request.verdict, subjectId, date);
  await deps.decisions.record(deps.now(), request.asker ?? NOBODY, {
    subject: `${subject}:${subjectId}`,
    question: { verdict: request.verdict, subject: `${subject}:${subjectId}`, date, asOf },
    ruleset: { version: evaluator.ruleSet.manifest.version, hash: evaluator.ruleSet.hash },
    answer: verdictAnswer(body as unknown as Record<string, unknown>),
  });
  return withAsOf(body, asOf);
}

/** POST /v1/verdicts: an evaluation (kind, period) or a verdict (kind, subject, date) over posted facts. */
export async function verdictOverFacts(
  deps: Deps,
  body: unknown,
  asker: Asker = NOBODY,
): Promise<Record<string, unknown>> {
  if (!isObject(body)) throw invalid('invalid-body', `the body must be a JSON object (got ${show(body)})`);
  const posted = checkFactList(body.facts, 'facts', true);
  if (body.date !== undefined) {
    const date = checkDate(body.date, 'date');
    const kind = checkString(body.kind, 'kind');
    const { evaluator, subject } = await verdictRule(deps, kind, date);
    const request = checkKeys(
      body,
      'a verdict request',
      ['kind', subject, 'date', 'facts'],
      ['kind', subject, 'date', 'facts'],
    );
    const subjectId = checkString(request[subject], subject, SUBJECT_ID, `a ${subject} id`);
    const context = await postedContext(evaluator, checkFacts(posted, await deps.catalog.vocabulary()));
    const answer = await runVerdict(context, kind, subjectId, date);
    await deps.decisions.record(deps.now(), asker, {
      subject: `${subject}:${subjectId}`,
      question: { verdict: kind, subject: `${subject}:${subjectId}`, date, postedFacts: posted.length },
      ruleset: { version: evaluator.ruleSet.manifest.version, hash: evaluator.ruleSet.hash },
      answer: verdictAnswer(answer as unknown as Record<string, unknown>),
    });
    return { ...answer };
  }
  const request = checkKeys(
    body,
    'an evaluation request',
    ['kind', 'period', 'facts', 'ruleset'],
    ['kind', 'period', 'facts'],
  );
  const kind = checkString(request.kind, 'kind');
  const period = checkPeriod(request.period, 'period');
  const version =
    request.ruleset === undefined
      ? deps.catalog.inForceDuring(period)
      : await deps.catalog.resolve(checkString(request.ruleset, 'ruleset'));
  const evaluator = await deps.catalog.evaluator(version);
  const context = await postedContext(evaluator, checkFacts(posted, await deps.catalog.vocabulary()));
  const evaluation = evaluateIn(context, kind, period.id);
  await deps.decisions.record(deps.now(), asker, {
    question: { kind, period: period.id, postedFacts: posted.length },
    ruleset: evaluation.ruleset,
    answer: { factsDigest: evaluation.factsDigest, results: evaluation.results.length },
  });
  return { ...evaluation };
}

/** Posted facts have no recordedAt; their position stands in for it (a later one counts as later). */
function postedContext(
  evaluator: Evaluator,
  facts: ReturnType<typeof checkFacts>,
): Promise<EvaluationContext> {
  const stored: StoredFact[] = facts.map((f, seq) => ({ ...f, recordedAt: '', seq }));
  return evaluator.context(stored, { digest: true });
}
