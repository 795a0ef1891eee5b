// The auditor's pages as data: stored evaluations, one evaluation explained down to fact ids, its
// replay with the differences, and one staff member over time (scores per quarter with the bottom
// group marked, annual grades, facts, the verdicts on a chosen date with each condition's evidence).
// Every number comes from the service as the API answers it.
import type { Asker } from '../service/decision-log.js';
import type { KaoheService } from '../service/kaohe-service.js';
import type { Result, SubjectHistory } from '../service/subject-history.js';

// Stored results are the engine's Result, written by it and checked against schemas/result.
const resultsOf = (e: { results: unknown[] }) => e.results as Result[];

export async function evaluationsPage(service: KaoheService, filter: { kind?: string; period?: string }) {
  const { evaluations } = await service.listEvaluations(filter);
  return {
    filter,
    evaluations: evaluations
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        period: e.period,
        asOf: e.asOf,
        ruleset: e.ruleset,
        results: e.results.length,
        bottomGroup: resultsOf(e)
          .filter((r) => r.bottomGroup)
          .map((r) => r.subject.id),
      }))
      .reverse(),
  };
}

/** Explanation fields shown as `name: value` lines (nested values as compact JSON). */
function explanationLines(explanation: Result['explanation']): { name: string; value: string }[] {
  return Object.entries(explanation ?? {}).map(([name, value]) => ({
    name,
    value: typeof value === 'object' ? JSON.stringify(value) : String(value),
  }));
}

export function resultView(r: Result) {
  return {
    subject: `${r.subject.kind}:${r.subject.id}`,
    id: r.subject.id,
    kind: r.subject.kind,
    score: r.score,
    rank: r.rank,
    bottomGroup: r.bottomGroup === true,
    tier: r.tier ? { label: r.tier.label, decided: r.tier.decided } : undefined,
    items: r.items.map((i) => ({
      provision: i.provision,
      rule: i.rule,
      code: i.code,
      effect: i.effect,
      points: i.points,
      count: i.count ?? i.factCount,
      value: i.value,
      parameters: Object.entries(i.parameters ?? {}).map(([k, v]) => `${k} = ${v}`),
      factIds: i.factIds,
    })),
    explanation: explanationLines(r.explanation),
  };
}

/** One evaluation; `subject` (an id) opens that subject's explanation. */
export async function evaluationPage(service: KaoheService, id: string, subject?: string) {
  const e = await service.getEvaluation(id);
  const results = resultsOf(e).map(resultView);
  return {
    evaluation: {
      id: e.id,
      kind: e.kind,
      period: e.period,
      asOf: e.asOf,
      ruleset: e.ruleset,
      factsDigest: e.factsDigest,
    },
    results,
    open: subject ? (results.find((r) => r.id === subject) ?? null) : null,
    subject,
  };
}

export async function replayPage(service: KaoheService, id: string) {
  const e = await service.getEvaluation(id);
  const outcome = await service.replay(id);
  return {
    evaluation: { id: e.id, kind: e.kind, period: e.period, asOf: e.asOf, ruleset: e.ruleset },
    identical: outcome.identical,
    differences: outcome.differences.map((d) => ({
      path: d.path,
      recorded: JSON.stringify(d.recorded) ?? '—',
      replayed: JSON.stringify(d.replayed) ?? '—',
    })),
  };
}

export interface ChartPoint {
  period: string;
  score: number | null;
  rank: number | null;
  of: number;
  bottomGroup: boolean;
  ruleset: string;
}

/** The series the chart draws (and the table beside it shows): one point per period. */
export function chartSeries(series: SubjectHistory['series'][number]): ChartPoint[] {
  return series.periods.map((p) => ({
    period: p.period,
    score: p.result?.score ?? null,
    rank: p.result?.rank ?? null,
    of: p.of,
    bottomGroup: p.result?.bottomGroup === true,
    ruleset: p.ruleset.version,
  }));
}

/** A verdict's conditions with their evidence as lines (measures, then parameters). */
function verdictView(answer: Record<string, unknown>) {
  const conditions = (answer.conditions ?? []) as {
    provision: string;
    rule: string;
    met: boolean;
    evidence: Record<string, unknown>;
  }[];
  const flag = Object.keys(answer).find((k) => typeof answer[k] === 'boolean' && !['conditions'].includes(k));
  return {
    flag,
    value: flag ? answer[flag] === true : false,
    ruleset: answer.ruleset as { version: string; hash: string },
    conditions: conditions.map((c) => ({
      provision: c.provision,
      rule: c.rule,
      met: c.met,
      evidence: Object.entries(c.evidence).flatMap(([group, v]) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.entries(v as Record<string, unknown>).map(([k, x]) => ({
              name: `${group}.${k}`,
              value: JSON.stringify(x),
            }))
          : [{ name: group, value: JSON.stringify(v) }],
      ),
    })),
  };
}

/** The facts by month (oldest first): how many of each type, and the facts themselves. */
export function timeline(facts: SubjectHistory['facts']) {
  const months = new Map<string, SubjectHistory['facts']>();
  for (const f of facts) {
    const month = f.occurredOn.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), f]);
  }
  return [...months].map(([month, list]) => {
    const counts = new Map<string, number>();
    for (const f of list) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    return {
      month,
      counts: [...counts].map(([type, n]) => ({ type, n })),
      facts: list.map((f) => ({
        id: f.id,
        type: f.type,
        occurredOn: f.occurredOn,
        recordedAt: f.recordedAt,
        data: JSON.stringify(f.data),
      })),
    };
  });
}

/** A subject's page: series (ranked ones charted), annual results, facts, verdicts on `date`. */
export async function subjectPage(
  service: KaoheService,
  subject: string,
  date: string,
  asker?: Asker,
  withVerdicts = true,
) {
  const h = await service.subjectHistory({ subject, date, asker, verdicts: withVerdicts });
  const charted = h.series.filter((s) =>
    s.periods.some((p) => p.result?.rank !== undefined && p.result !== null),
  );
  const charts = charted.map((s) => ({ kind: s.kind, cadence: s.cadence, points: chartSeries(s) }));
  const tables = h.series
    .filter((s) => !charted.includes(s))
    .map((s) => ({
      kind: s.kind,
      cadence: s.cadence,
      rows: s.periods.map((p) => ({
        period: p.period,
        score: p.result?.score,
        tier: p.result?.tier ? { label: p.result.tier.label, decided: p.result.tier.decided } : undefined,
        rank: p.result?.rank,
        of: p.of,
      })),
    }));
  return {
    subject: h.subject,
    date: h.date,
    asOf: h.asOf,
    span: h.span,
    charts,
    tables,
    timeline: timeline(h.facts),
    factCount: h.facts.length,
    factsCut: h.factsCut,
    verdicts: h.verdicts.map(verdictView),
  };
}
