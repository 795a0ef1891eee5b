// One subject over time, for the auditor's page: its result in every period of each evaluation kind
// about its kind of subject (computed as POST /v1/evaluations would, by the version in force at each
// period's start, and stored nowhere), its facts as known now, and every verdict about it on a date.
import type { Result } from '../engine/types.js';
import type { SubjectKind } from '../model/fact.js';
import { periodContaining, periodsBetween } from '../periods/index.js';
import type { Deps } from './deps.js';
import { invalid } from './errors.js';
import { evaluateIn } from './evaluations.js';
import { queryFacts } from './facts.js';
import { checkDate, checkString, show } from './input.js';
import type { VerdictRequest } from './verdicts.js';
import * as verdicts from './verdicts.js';

export type { Result };

const SUBJECT = /^(staff|window|department):([\p{L}\p{N}._-]{1,64})$/u;
/** Periods of these cadences are charted; half-months and months are the notices' business. */
const CADENCES = ['quarter', 'year'];
const FACT_PAGE = 1000;
const MAX_FACTS = 5000;

export interface PeriodResult {
  period: string;
  ruleset: { version: string; hash: string };
  /** The subject's result, or null when the evaluation has none for it (not on the roster). */
  result: Result | null;
  /** How many subjects the evaluation ranked or listed (for "rank 47 of 47"). */
  of: number;
}

export interface SubjectHistory {
  subject: { kind: SubjectKind; id: string };
  date: string;
  asOf: string;
  /** occurredOn of the subject's first and last fact known at asOf (the span the series cover). */
  span: { from: string; to: string } | null;
  series: { kind: string; cadence: string; periods: PeriodResult[] }[];
  facts: Awaited<ReturnType<typeof queryFacts>>['facts'];
  factsCut: boolean;
  verdicts: Record<string, unknown>[];
}

export async function subjectHistory(
  deps: Deps,
  request: { subject: unknown; date: unknown; asker?: VerdictRequest['asker']; verdicts?: boolean },
): Promise<SubjectHistory> {
  const ref = checkString(request.subject, 'subject');
  const match = SUBJECT.exec(ref);
  if (!match)
    throw invalid('invalid-value', `subject must be <kind>:<id>, e.g. staff:S007 (got ${show(ref)})`);
  const subject = { kind: match[1] as SubjectKind, id: match[2] as string };
  const date = checkDate(request.date, 'date');
  const asOf = deps.asOfGuard.take();

  const facts: SubjectHistory['facts'] = [];
  let cursor: string | undefined;
  do {
    const page = await queryFacts(deps.store, { subject, asOf, limit: FACT_PAGE, cursor });
    facts.push(...page.facts);
    cursor = page.next ?? undefined;
  } while (cursor && facts.length < MAX_FACTS);
  facts.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
  const days = facts.map((f) => f.occurredOn).filter((d) => d < date);
  const span = days.length === 0 ? null : { from: days[0] as string, to: days.at(-1) as string };

  const series: SubjectHistory['series'] = [];
  const inForce = deps.catalog.inForce(date) ?? deps.catalog.latest();
  if (span && inForce) {
    const current = await deps.catalog.evaluator(inForce);
    for (const rule of current.ruleSet.rules) {
      if (rule.kind !== 'score' && rule.kind !== 'annual-score') continue;
      if (rule.subject !== subject.kind || !CADENCES.includes(rule.cadence)) continue;
      const periods: PeriodResult[] = [];
      const cadence = rule.cadence as Parameters<typeof periodContaining>[1];
      for (const p of periodsBetween(
        periodContaining(span.from, cadence),
        periodContaining(span.to, cadence),
      )) {
        if (p.end >= date) break; // only periods over before the date asked
        const record = deps.catalog.inForce(p.start);
        if (!record) continue;
        const evaluator = await deps.catalog.evaluator(record);
        if (!evaluator.kinds().some((k) => k.kind === rule.evaluation)) continue;
        const { context } = await deps.contexts.get(evaluator, asOf);
        const body = evaluateIn(context, rule.evaluation, p.id);
        const result = body.results.find(
          (r) => r.subject.kind === subject.kind && r.subject.id === subject.id,
        );
        periods.push({
          period: p.id,
          ruleset: body.ruleset,
          result: result ?? null,
          of: body.results.length,
        });
      }
      series.push({ kind: rule.evaluation, cadence: rule.cadence, periods });
    }
  }

  const answers: Record<string, unknown>[] = [];
  const record = request.verdicts === false ? undefined : deps.catalog.inForce(date);
  if (record) {
    const evaluator = await deps.catalog.evaluator(record);
    for (const rule of evaluator.ruleSet.rules) {
      if (rule.kind !== 'verdict' || rule.subject !== subject.kind) continue;
      answers.push(
        await verdicts.verdict(deps, {
          verdict: rule.id,
          subjectId: subject.id,
          date,
          asOf,
          asker: request.asker,
        }),
      );
    }
  }
  return { subject, date, asOf, span, series, facts, factsCut: cursor !== undefined, verdicts: answers };
}
