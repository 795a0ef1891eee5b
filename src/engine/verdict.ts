// A verdict about one subject on a date: each condition's measures become json-rules-engine facts,
// and its `when` (with parameter values of that date filled in) decides whether it is met.
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Condition, RuleOfKind, Scalar } from '../rules/types.js';
import { type Context, EvaluationError } from './context.js';
import type { SubjectFacts } from './fact-index.js';
import { measure } from './measures.js';
import type { UsedParameters } from './params.js';
import type { ConditionResult, VerdictBody } from './types.js';

export async function verdict(
  ctx: Context,
  verdictId: string,
  subjectId: string,
  date: string,
): Promise<VerdictBody> {
  const rule = ctx.ruleSet.rulesById.get(verdictId);
  if (rule?.kind !== 'verdict') throw new EvaluationError('unknown-verdict', `unknown verdict ${verdictId}`);
  const s = ctx.index.subjects.get(`${rule.subject}:${subjectId}`);
  if (!s) throw new EvaluationError('unknown-subject', `no ${rule.subject} ${subjectId} in the facts`);
  const conditions = ctx.ruleSet.rules
    .filter((r): r is RuleOfKind<'condition'> => r.kind === 'condition' && r.verdict === verdictId)
    .sort((a, b) => ((a.provisions[0] ?? '') < (b.provisions[0] ?? '') ? -1 : 1) || (a.id < b.id ? -1 : 1));

  const facts: Record<string, Scalar | null> = {};
  const evidence = new Map<string, { measures: Record<string, unknown>; parameters: UsedParameters }>();
  const definitions: RuleProperties[] = conditions.map((c, i) => {
    const used: UsedParameters = {};
    const measures: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(c.measures)) {
      const m = measure(ctx, spec, s, date, used);
      facts[`${i}.${name}`] = m.value;
      measures[name] = { value: m.value, ...m.evidence };
    }
    evidence.set(c.id, { measures, parameters: used });
    const when = bind(
      c.when,
      (name) => `${i}.${name}`,
      (param) => ctx.params.at(param, date, used),
    );
    return {
      name: c.id,
      conditions: when as unknown as TopLevelCondition,
      event: { type: 'met', params: { rule: c.id } },
    };
  });
  // A fresh Engine per verdict: concurrent runs of one Engine corrupt each other (upstream #303).
  const engine = new Engine(definitions, { allowUndefinedFacts: false });
  const { events } = await engine.run(facts);
  const met = new Set(events.map((e) => (e.params as { rule: string }).rule));
  const results: ConditionResult[] = conditions.map((c) => ({
    provision: c.provisions[0] ?? '',
    rule: c.id,
    met: met.has(c.id),
    evidence: evidence.get(c.id) ?? {},
  }));
  const flag = rule.combine === 'any' ? results.some((r) => r.met) : results.every((r) => r.met);
  return {
    subject: s.subject,
    date,
    [camel(verdictId)]: flag,
    ruleset: { version: ctx.ruleSet.manifest.version, hash: ctx.ruleSet.hash },
    conditions: results,
  } as VerdictBody;
}

export function verdictSubject(ctx: Context, verdictId: string, subjectId: string): SubjectFacts | undefined {
  const rule = ctx.ruleSet.rulesById.get(verdictId);
  return rule?.kind === 'verdict' ? ctx.index.subjects.get(`${rule.subject}:${subjectId}`) : undefined;
}

/** Renames facts (measures are namespaced per condition) and fills in {param} values. */
function bind(
  cond: Condition,
  rename: (fact: string) => string,
  paramValue: (name: string) => Scalar,
): Condition {
  if ('all' in cond) return { all: cond.all.map((c) => bind(c, rename, paramValue)) };
  if ('any' in cond) return { any: cond.any.map((c) => bind(c, rename, paramValue)) };
  if ('not' in cond) return { not: bind(cond.not, rename, paramValue) };
  const value =
    cond.value && typeof cond.value === 'object' && !Array.isArray(cond.value)
      ? paramValue(cond.value.param)
      : cond.value;
  return { fact: rename(cond.fact), operator: cond.operator, value };
}

export function camel(id: string): string {
  return id.replace(/[-.]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
