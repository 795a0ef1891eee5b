// What a revision would change over the same facts (`kaohe compare`, POST /v1/rulesets/impact): per
// evaluation kind and period, the subjects whose score, rank, bottom group or tier move, with the
// provisions and parameter values that moved; and the verdicts that flip on the first day of each
// quarter. The work is a list of steps, so a caller can stop between two (a time budget) and go on
// later from a cursor; a cut report says so.

import { periodContaining, periodsBetween } from '../periods/index.js';
import type { Scalar } from '../rules/types.js';
import type { EvaluationContext } from './evaluator.js';
import type { Result } from './types.js';
import { camel } from './verdict.js';

export type ImpactStep = { evaluation: string; period: string } | { verdict: string; date: string };

type Change = { current: unknown; revision: unknown };

export interface SubjectChange {
  subject: string;
  fields: Record<string, Change>;
  provisions: string[];
  parameters: Record<string, Change>;
}

export interface StepImpact {
  kind?: string;
  period?: string;
  verdict?: string;
  date?: string;
  /** The version each side used for this step (the current one may differ by period). */
  current: { version: string; hash: string };
  changes: SubjectChange[];
}

/** Every step over [from, to]: the revision's evaluation kinds by period, then its verdicts by quarter start. */
export function impactSteps(
  kinds: { kind: string; cadence: string }[],
  verdicts: string[],
  from: string,
  to: string,
): ImpactStep[] {
  const steps: ImpactStep[] = [];
  for (const { kind, cadence } of kinds) {
    const c = cadence as Parameters<typeof periodContaining>[1];
    for (const p of periodsBetween(periodContaining(from, c), periodContaining(to, c)))
      steps.push({ evaluation: kind, period: p.id });
  }
  const quarters = periodsBetween(periodContaining(from, 'quarter'), periodContaining(to, 'quarter'));
  for (const verdict of verdicts)
    for (const q of quarters) if (q.start >= from && q.start <= to) steps.push({ verdict, date: q.start });
  return steps;
}

/** One step of the report; `current` is the context of the version in force for it. */
export async function impactOf(
  step: ImpactStep,
  current: EvaluationContext,
  revision: EvaluationContext,
): Promise<StepImpact> {
  if ('evaluation' in step) {
    const a = current.evaluate(step.evaluation, step.period);
    const b = revision.evaluate(step.evaluation, step.period);
    return {
      kind: a.kind,
      period: a.period,
      current: a.ruleset,
      changes: subjectChanges(a.results, b.results),
    };
  }
  const flag = camel(step.verdict);
  const ids = new Set<string>();
  for (const ctx of [current, revision]) {
    const kind = verdictSubjectKind(ctx, step.verdict);
    for (const s of kind ? (ctx.index.byKind.get(kind) ?? []) : []) ids.add(s.subject.id);
  }
  const changes: SubjectChange[] = [];
  let currentRef = { version: '', hash: '' };
  for (const id of [...ids].sort()) {
    const [a, b] = await Promise.all([
      current.verdict(step.verdict, id, step.date).catch(() => null),
      revision.verdict(step.verdict, id, step.date).catch(() => null),
    ]);
    if (a) currentRef = a.ruleset;
    if ((a?.[flag] ?? null) === (b?.[flag] ?? null)) continue;
    const metA = new Map((a?.conditions ?? []).map((c) => [c.rule, c]));
    const metB = new Map((b?.conditions ?? []).map((c) => [c.rule, c]));
    const moved = new Set<string>();
    const parameters: Record<string, Change> = {};
    for (const rule of new Set([...metA.keys(), ...metB.keys()])) {
      const c = metA.get(rule) ?? metB.get(rule);
      if (!c || metA.get(rule)?.met === metB.get(rule)?.met) continue;
      moved.add(c.provision);
      // The parameter values the flipped condition used on that date (e.g. a count raised 2 → 3).
      const [px, py] = [conditionParameters(metA.get(rule)), conditionParameters(metB.get(rule))];
      for (const name of new Set([...px.keys(), ...py.keys()]))
        if (px.get(name) !== py.get(name))
          parameters[name] = { current: px.get(name) ?? null, revision: py.get(name) ?? null };
    }
    changes.push({
      subject: `${a?.subject.kind ?? b?.subject.kind}:${id}`,
      fields: { [flag]: { current: a?.[flag] ?? null, revision: b?.[flag] ?? null } },
      provisions: [...moved].sort(),
      parameters: Object.fromEntries(Object.entries(parameters).sort(([x], [y]) => (x < y ? -1 : 1))),
    });
  }
  return { verdict: step.verdict, date: step.date, current: currentRef, changes };
}

function conditionParameters(c: { evidence: Record<string, unknown> } | undefined): Map<string, Scalar> {
  const given = c?.evidence.parameters;
  return new Map(given && typeof given === 'object' ? Object.entries(given as Record<string, Scalar>) : []);
}

function verdictSubjectKind(ctx: EvaluationContext, verdict: string): string | undefined {
  const rule = ctx.ruleSet.rulesById.get(verdict);
  return rule?.kind === 'verdict' ? rule.subject : undefined;
}

/** Subjects whose score, rank, bottom group or tier differ, with what moved in their items. */
export function subjectChanges(a: readonly Result[], b: readonly Result[]): SubjectChange[] {
  const key = (r: Result) => `${r.subject.kind}:${r.subject.id}`;
  const before = new Map(a.map((r) => [key(r), r]));
  const after = new Map(b.map((r) => [key(r), r]));
  const out: SubjectChange[] = [];
  for (const subject of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(subject);
    const y = after.get(subject);
    const fields: Record<string, Change> = {};
    if (!x || !y) fields.result = { current: x ? 'present' : 'absent', revision: y ? 'present' : 'absent' };
    else {
      for (const f of ['score', 'rank', 'bottomGroup'] as const)
        if (x[f] !== y[f]) fields[f] = { current: x[f] ?? null, revision: y[f] ?? null };
      if (x.tier?.id !== y.tier?.id)
        fields.tier = { current: x.tier?.id ?? null, revision: y.tier?.id ?? null };
    }
    if (Object.keys(fields).length === 0) continue;
    // A provision moved when its items' points or counts differ.
    const points = (r: Result | undefined) => {
      const m = new Map<string, [number, number]>();
      for (const i of r?.items ?? []) {
        const [p, n] = m.get(i.provision) ?? [0, 0];
        m.set(i.provision, [p + (i.points ?? 0), n + (i.count ?? 0)]);
      }
      return new Map([...m].map(([k, v]) => [k, v.join('|')]));
    };
    const [px, py] = [points(x), points(y)];
    const provisions = [...new Set([...px.keys(), ...py.keys()])]
      .filter((p) => px.get(p) !== py.get(p))
      .sort();
    const [vx, vy] = [usedParameters(x), usedParameters(y)];
    const parameters: Record<string, Change> = {};
    for (const name of [...new Set([...vx.keys(), ...vy.keys()])].sort())
      if (vx.get(name) !== vy.get(name))
        parameters[name] = { current: vx.get(name) ?? null, revision: vy.get(name) ?? null };
    out.push({ subject, fields, provisions, parameters });
  }
  return out;
}

function usedParameters(r: Result | undefined): Map<string, Scalar> {
  const m = new Map<string, Scalar>();
  for (const i of r?.items ?? []) for (const [k, v] of Object.entries(i.parameters ?? {})) m.set(k, v);
  const explained = r?.explanation?.parameters;
  if (explained && typeof explained === 'object')
    for (const [k, v] of Object.entries(explained as Record<string, Scalar>)) m.set(k, v);
  return m;
}
