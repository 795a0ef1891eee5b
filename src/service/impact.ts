// POST /v1/rulesets/impact: what publishing a draft would change over the stored facts, stored
// nowhere. The report is the engine's (engine/impact.ts, as `kaohe compare`); this layer loads the
// draft, picks for each step the version in force, and bounds the request in time: it stops between
// two steps once the budget is spent, says so, and hands out a cursor to go on from.
import { Evaluator } from '../engine/evaluator.js';
import { UnpricedFactError } from '../engine/fact-price.js';
import { impactOf, impactSteps, type StepImpact } from '../engine/impact.js';
import { parsePeriod } from '../periods/index.js';
import { loadRuleSet } from '../rules/load.js';
import type { RulesetRecord } from '../store/port.js';
import type { Deps } from './deps.js';
import { invalid, ServiceError, unprocessable } from './errors.js';
import { unpricedFact } from './evaluations.js';
import { checkDate, checkKeys, checkString, show } from './input.js';
import { postedErrors, postedSource } from './publishing.js';
import { today } from './ruleset-views.js';

/** Real time a request may spend computing before it answers with what it has (and a cursor). */
export const DEFAULT_IMPACT_BUDGET_MS = 10_000;

export interface ImpactReport {
  revision: { version: string; hash: string };
  from: string;
  to: string;
  asOf: string;
  steps: { total: number; first: number; done: number };
  evaluations: StepImpact[];
  verdicts: StepImpact[];
  complete: boolean;
  cut?: { reason: 'time-budget'; budgetMs: number; message: string };
  next: string | null;
}

export async function rulesetImpact(deps: Deps, body: unknown, budgetMs = DEFAULT_IMPACT_BUDGET_MS) {
  const request = checkKeys(
    body,
    'an impact request',
    ['files', 'from', 'to', 'cursor', 'budgetMs'],
    ['files'],
  );
  if (request.budgetMs !== undefined) {
    const asked = request.budgetMs;
    if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0 || asked > budgetMs)
      throw invalid(
        'invalid-value',
        `budgetMs must be an integer from 0 to ${budgetMs} (got ${show(asked)})`,
      );
    budgetMs = asked;
  }
  const loaded = loadRuleSet(postedSource({ files: request.files }));
  if (!loaded.ruleSet) {
    const errors = postedErrors(loaded.errors);
    throw unprocessable('invalid-ruleset', `the draft rule set has ${errors.length} problem(s)`, errors);
  }
  const draft = new Evaluator(loaded.ruleSet);
  // A draft is not in force before its effective.from: the report starts there (periods wholly
  // before it have nothing to compare), and says so by its `from`.
  const effective = draft.ruleSet.manifest.effective.from;
  const asked = request.from === undefined ? effective : checkDate(request.from, 'from');
  let from = asked;
  if (from < effective) from = effective;
  const to = request.to === undefined ? await today(deps) : checkDate(request.to, 'to');
  if (to < asked) throw invalid('invalid-value', `to (${to}) is before from (${asked})`);
  if (to < from)
    throw unprocessable(
      'not-in-force',
      `the draft is in force from ${effective} (effective.from), after the whole range ${asked} to ${to}: nothing to compare`,
    );
  if (deps.catalog.size === 0)
    throw new ServiceError(
      'unavailable',
      'no-ruleset',
      'no rule set is published yet: nothing to compare with',
    );

  const steps = impactSteps(draft.kinds(), draft.verdicts(), from, to);
  const first =
    request.cursor === undefined ? 0 : cursorIndex(request.cursor, draft.ruleSet.hash, steps.length);
  const asOf = deps.asOfGuard.take();
  const revision = (await deps.contexts.get(draft, asOf)).context;
  const current = new Map<string, Awaited<ReturnType<typeof deps.contexts.get>>['context']>();
  const contextFor = async (date: string) => {
    const record: RulesetRecord = deps.catalog.inForce(date) ?? (deps.catalog.earliest() as RulesetRecord);
    let ctx = current.get(record.hash);
    if (!ctx) {
      ctx = (await deps.contexts.get(await deps.catalog.evaluator(record), asOf)).context;
      current.set(record.hash, ctx);
    }
    return ctx;
  };

  const started = performance.now();
  const evaluations: StepImpact[] = [];
  const verdicts: StepImpact[] = [];
  let i = first;
  for (; i < steps.length; i++) {
    if (i > first && performance.now() - started > budgetMs) break;
    const step = steps[i] as (typeof steps)[number];
    const date = 'evaluation' in step ? (parsePeriod(step.period)?.start ?? from) : step.date;
    // a draft that starts a code's points later than stored findings with it cannot be compared
    const report = await impactOf(step, await contextFor(date), revision).catch((error: unknown) => {
      throw error instanceof UnpricedFactError ? unpricedFact(error) : error;
    });
    ('evaluation' in step ? evaluations : verdicts).push(report);
  }
  const complete = i >= steps.length;
  const report: ImpactReport = {
    revision: { version: draft.ruleSet.manifest.version, hash: draft.ruleSet.hash },
    from,
    to,
    asOf,
    steps: { total: steps.length, first, done: i - first },
    evaluations,
    verdicts,
    complete,
    next: complete ? null : `${i}.${draft.ruleSet.hash.slice(0, 16)}`,
  };
  if (!complete)
    report.cut = {
      reason: 'time-budget',
      budgetMs,
      message: `stopped after ${i - first} of ${steps.length - first} remaining steps (${budgetMs} ms budget); post again with "cursor": "${report.next}" to go on`,
    };
  return report;
}

function cursorIndex(value: unknown, hash: string, total: number): number {
  const cursor = checkString(value, 'cursor');
  const match = /^(\d+)\.([0-9a-f]{16})$/.exec(cursor);
  if (!match || match[2] !== hash.slice(0, 16) || Number(match[1]) >= total)
    throw invalid(
      'invalid-value',
      `cursor: not a cursor of this draft's impact report (got ${show(cursor)}); use "next" of a report`,
    );
  return Number(match[1]);
}
