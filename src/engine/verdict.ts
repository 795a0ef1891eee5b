// A verdict about one subject on a date: each condition's measures become json-rules-engine facts,
// and its `when` (with parameter values of that date filled in) decides whether it is met.
import type { TopLevelCondition } from 'json-rules-engine';
import type { Condition, RuleOfKind, RuleSet, Scalar } from '../rules/types.js';
import { type Context, EvaluationError } from './context.js';
import { EnginePools } from './engine-pool.js';
import type { SubjectFacts } from './fact-index.js';
import { measure } from './measures.js';
import type { UsedParameters } from './params.js';
import type { ConditionResult, VerdictBody } from './types.js';

type ConditionRule = RuleOfKind<'condition'>;

// Engines per rule set, keyed by verdict and the parameter values bound into its conditions: a
// verdict reuses them instead of building one per call. A few per key let concurrent runs overlap.
const POOL_SIZE = 4;
const poolsOf = new WeakMap<RuleSet, EnginePools>();
const conditionsOf = new WeakMap<RuleSet, Map<string, ConditionRule[]>>();

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
  const conditions = conditionsFor(ctx.ruleSet, verdictId);

  const facts: Record<string, Scalar | null> = {};
  const evidence: { measures: Record<string, unknown>; parameters: UsedParameters }[] = [];
  const values: Scalar[] = []; // the parameter values bound into the conditions: the pool key
  for (const [i, c] of conditions.entries()) {
    const used: UsedParameters = {};
    const measures: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(c.measures)) {
      const m = measure(ctx, spec, s, date, used);
      facts[`${i}.${name}`] = m.value;
      measures[name] = { value: m.value, ...m.evidence };
    }
    evidence.push({ measures, parameters: used });
    // Parameters are looked up (and recorded as used) in the order bind() would meet them.
    forEachParam(c.when, (param) => values.push(ctx.params.at(param, date, used)));
  }
  const key = `${verdictId}\u0000${JSON.stringify(values)}`;
  // The bound conditions depend only on the key: built when its pool is, not per verdict.
  const met =
    conditions.length === 0
      ? []
      : await decideOnce(ctx, key, facts, () => {
          let next = 0;
          const value = () => values[next++] as Scalar;
          return conditions.map((c, i) => bind(c.when, (name) => `${i}.${name}`, value));
        });
  const results: ConditionResult[] = conditions.map((c, i) => ({
    provision: c.provisions[0] ?? '',
    rule: c.id,
    met: met[i] === true,
    evidence: evidence[i] ?? {},
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

// Decisions by pool key and measure values, per context: json-rules-engine's answer depends on
// nothing else, so verdicts with equal measures share one run (as the classifier shares one per
// fact signature). A district's verdicts at a quarter's end have a few dozen distinct inputs.
const decisionsOf = new WeakMap<Context, Map<string, Promise<boolean[]>>>();
const DECISIONS_KEPT = 4096;

function decideOnce(
  ctx: Context,
  key: string,
  facts: Record<string, Scalar | null>,
  bound: () => Condition[],
): Promise<boolean[]> {
  let decisions = decisionsOf.get(ctx);
  if (!decisions) {
    decisions = new Map();
    decisionsOf.set(ctx, decisions);
  }
  const input = `${key}\u0000${JSON.stringify(facts)}`;
  let decided = decisions.get(input);
  if (!decided) {
    if (decisions.size >= DECISIONS_KEPT) decisions.clear(); // many distinct inputs: bound the memo
    const memo = decisions;
    decided = decide(ctx.ruleSet, key, facts, bound);
    // A failed run is not remembered: the next verdict with these inputs runs again.
    decided.catch(() => memo.delete(input));
    decisions.set(input, decided);
  }
  return decided;
}

/**
 * One json-rules-engine run decides every condition: a single rule `any: [condition…]` (all are
 * evaluated, none short-circuits) whose result marks each condition node met or not. `bound`
 * builds the conditions with the key's parameter values; it is called only for a new pool.
 */
async function decide(
  ruleSet: RuleSet,
  key: string,
  facts: Record<string, Scalar | null>,
  bound: () => Condition[],
): Promise<boolean[]> {
  let pools = poolsOf.get(ruleSet);
  if (!pools) {
    pools = new EnginePools(POOL_SIZE);
    poolsOf.set(ruleSet, pools);
  }
  const pool = pools.get(key, () => [
    { conditions: { any: bound() } as unknown as TopLevelCondition, event: { type: 'decided' } },
  ]);
  const { results, failureResults } = await pool.run(facts);
  const ruleResult = results[0] ?? failureResults[0];
  // No result at all means the run skipped its rule: the symptom of a shared Engine (#303).
  if (!ruleResult)
    throw new EvaluationError('engine-skipped', `json-rules-engine skipped verdict run ${key}`);
  const decided = ruleResult.conditions as unknown as { any: { result?: boolean }[] };
  return decided.any.map((c) => c.result === true);
}

/** A verdict's conditions in provision order (then id), worked out once per rule set. */
function conditionsFor(ruleSet: RuleSet, verdictId: string): ConditionRule[] {
  let byVerdict = conditionsOf.get(ruleSet);
  if (!byVerdict) {
    byVerdict = new Map();
    conditionsOf.set(ruleSet, byVerdict);
  }
  let list = byVerdict.get(verdictId);
  if (!list) {
    list = ruleSet.rules
      .filter((r): r is ConditionRule => r.kind === 'condition' && r.verdict === verdictId)
      .sort((a, b) => ((a.provisions[0] ?? '') < (b.provisions[0] ?? '') ? -1 : 1) || (a.id < b.id ? -1 : 1));
    byVerdict.set(verdictId, list);
  }
  return list;
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

/** The {param} names of a condition, in the order bind() fills them in. */
function forEachParam(cond: Condition, visit: (name: string) => void): void {
  if ('all' in cond) for (const c of cond.all) forEachParam(c, visit);
  else if ('any' in cond) for (const c of cond.any) forEachParam(c, visit);
  else if ('not' in cond) forEachParam(cond.not, visit);
  else if (cond.value && typeof cond.value === 'object' && !Array.isArray(cond.value))
    visit(cond.value.param);
}

export function camel(id: string): string {
  return id.replace(/[-.]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
