// A verdict about one subject on a date: each condition's measures become json-rules-engine facts,
// and its `when` (with parameter values of that date filled in) decides whether it is met.
import type { TopLevelCondition } from 'json-rules-engine';
import type { Condition, MeasureSpec, RuleOfKind, RuleSet, Scalar } from '../rules/types.js';
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

/** What a verdict computes, worked out once per rule set: conditions, their measures and params. */
interface VerdictPlan {
  id: string;
  rule: RuleOfKind<'verdict'>;
  /** the body's flag (the verdict id in camelCase) */
  flag: string;
  conditions: {
    rule: ConditionRule;
    /** measure name, spec and the json-rules-engine fact it becomes (`<condition index>.<name>`) */
    measures: { name: string; spec: MeasureSpec; fact: string }[];
    /** the {param} names of `when`, in the order bind() fills them in */
    params: string[];
    /** every measure name, in order (each verdict's evidence clones it and overwrites the values) */
    evidence: Record<string, unknown>;
  }[];
}
const plansOf = new WeakMap<RuleSet, Map<string, VerdictPlan>>();

export async function verdict(
  ctx: Context,
  verdictId: string,
  subjectId: string,
  date: string,
): Promise<VerdictBody> {
  const plan = planFor(ctx.ruleSet, verdictId);
  if (!plan) throw new EvaluationError('unknown-verdict', `unknown verdict ${verdictId}`);
  const { subject } = plan.rule;
  const s = ctx.index.subjects.get(`${subject}:${subjectId}`);
  if (!s) throw new EvaluationError('unknown-subject', `no ${subject} ${subjectId} in the facts`);

  const { measured, bound, evidence } = inputsOf(ctx, plan, s, date);
  const met = plan.conditions.length === 0 ? [] : await decideOnce(ctx, plan, measured, bound);
  return verdictBody(ctx, plan, s, date, met, evidence);
}

function verdictBody(
  ctx: Context,
  plan: VerdictPlan,
  s: SubjectFacts,
  date: string,
  met: boolean[],
  evidence: ConditionResult['evidence'][],
): VerdictBody {
  const conditions: ConditionResult[] = [];
  let any = false;
  let all = true;
  // Indexed loops here and in inputsOf: run once per verdict, rarely hot enough for the
  // optimising compiler to remove a for…of's iterator objects.
  for (let i = 0; i < plan.conditions.length; i++) {
    const c = (plan.conditions[i] as VerdictPlan['conditions'][number]).rule;
    const isMet = met[i] === true;
    any ||= isMet;
    all &&= isMet;
    conditions.push({
      provision: c.provisions[0] ?? '',
      rule: c.id,
      met: isMet,
      evidence: evidence[i] ?? {},
    });
  }
  return {
    subject: s.subject,
    date,
    [plan.flag]: plan.rule.combine === 'any' ? any : all,
    ruleset: { version: ctx.ruleSet.manifest.version, hash: ctx.ruleSet.hash },
    conditions,
  } as VerdictBody;
}

/**
 * The decision's inputs (every measure value, then every parameter value bound into `when`) and
 * each condition's evidence. Not in the async function: loops there allocate their iterators.
 */
function inputsOf(ctx: Context, plan: VerdictPlan, s: SubjectFacts, date: string) {
  const measured: (Scalar | null)[] = [];
  const bound: Scalar[] = [];
  const evidence: { measures: Record<string, unknown>; parameters: UsedParameters }[] = [];
  for (let i = 0; i < plan.conditions.length; i++) {
    const c = plan.conditions[i] as VerdictPlan['conditions'][number];
    const used: UsedParameters = {};
    // A clone of the names in order, values then overwritten: adding each name to a fresh object
    // goes through a megamorphic store (~0.6 µs a name, a few per verdict).
    const measures: Record<string, unknown> = { ...c.evidence };
    for (let k = 0; k < c.measures.length; k++) {
      const { name, spec } = c.measures[k] as (typeof c.measures)[number];
      const m = measure(ctx, spec, s, date, used);
      measured.push(m.value);
      measures[name] = m.evidence;
    }
    evidence.push({ measures, parameters: used });
    // Parameters are looked up (and recorded as used) in the order bind() would meet them.
    for (let k = 0; k < c.params.length; k++) bound.push(ctx.params.at(c.params[k] as string, date, used));
  }
  return { measured, bound, evidence };
}

/** A verdict's conditions in provision order (then id), with their measures, once per rule set. */
function planFor(ruleSet: RuleSet, verdictId: string): VerdictPlan | undefined {
  let byVerdict = plansOf.get(ruleSet);
  if (!byVerdict) {
    byVerdict = new Map();
    plansOf.set(ruleSet, byVerdict);
  }
  let plan = byVerdict.get(verdictId);
  if (plan) return plan;
  const rule = ruleSet.rulesById.get(verdictId);
  if (rule?.kind !== 'verdict') return undefined;
  const conditions = ruleSet.rules
    .filter((r): r is ConditionRule => r.kind === 'condition' && r.verdict === verdictId)
    .sort((a, b) => ((a.provisions[0] ?? '') < (b.provisions[0] ?? '') ? -1 : 1) || (a.id < b.id ? -1 : 1));
  plan = {
    id: verdictId,
    rule,
    flag: camel(verdictId),
    conditions: conditions.map((c, i) => {
      const params: string[] = [];
      forEachParam(c.when, (name) => params.push(name));
      return {
        rule: c,
        measures: Object.entries(c.measures).map(([name, spec]) => ({ name, spec, fact: `${i}.${name}` })),
        params,
        evidence: Object.fromEntries(Object.keys(c.measures).map((name) => [name, null])),
      };
    }),
  };
  byVerdict.set(verdictId, plan);
  return plan;
}

// Decisions by measure and parameter values, per context and verdict: json-rules-engine's answer
// depends on nothing else, so verdicts with equal inputs share one run (as the classifier shares
// one per fact signature). A district's verdicts at a quarter's end have a few dozen distinct
// inputs. Kept as a tree of Maps, one level per input value: no key string per verdict.
type DecisionTree = Map<unknown, unknown>;
const decisionsOf = new WeakMap<Context, Map<VerdictPlan, { tree: DecisionTree; size: number }>>();
const DECISIONS_KEPT = 4096;
const DECIDED = Symbol('decided');

function decideOnce(
  ctx: Context,
  plan: VerdictPlan,
  measured: (Scalar | null)[],
  bound: Scalar[],
): Promise<boolean[]> {
  let byPlan = decisionsOf.get(ctx);
  if (!byPlan) {
    byPlan = new Map();
    decisionsOf.set(ctx, byPlan);
  }
  let memo = byPlan.get(plan);
  if (!memo || memo.size >= DECISIONS_KEPT) {
    memo = { tree: new Map(), size: 0 }; // many distinct inputs: bound the memo
    byPlan.set(plan, memo);
  }
  const node = branch(branch(memo.tree, bound), measured);
  let decided = node.get(DECIDED) as Promise<boolean[]> | undefined;
  if (!decided) {
    const leaf = node;
    decided = decide(ctx.ruleSet, plan, measured, bound);
    // A failed run is not remembered: the next verdict with these inputs runs again.
    decided.catch(() => leaf.delete(DECIDED));
    leaf.set(DECIDED, decided);
    memo.size++;
  }
  return decided;
}

/** The node of the decision tree reached from `node` by `values`, grown as needed. */
function branch(node: DecisionTree, values: readonly unknown[]): DecisionTree {
  let at = node;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let next = at.get(value) as DecisionTree | undefined;
    if (!next) {
      next = new Map();
      at.set(value, next);
    }
    at = next;
  }
  return at;
}

/**
 * One json-rules-engine run decides every condition: a single rule `any: [condition…]` (all are
 * evaluated, none short-circuits) whose result marks each condition node met or not. The rule is
 * bound with the parameter values; its pool is keyed by them, so it is built once per pool.
 */
async function decide(
  ruleSet: RuleSet,
  plan: VerdictPlan,
  measured: (Scalar | null)[],
  bound: Scalar[],
): Promise<boolean[]> {
  let pools = poolsOf.get(ruleSet);
  if (!pools) {
    pools = new EnginePools(POOL_SIZE);
    poolsOf.set(ruleSet, pools);
  }
  const key = `${plan.id}\u0000${JSON.stringify(bound)}`;
  const pool = pools.get(key, () => {
    let next = 0;
    const value = () => bound[next++] as Scalar;
    const conditions = plan.conditions.map((c, i) => bind(c.rule.when, (name) => `${i}.${name}`, value));
    return [{ conditions: { any: conditions } as unknown as TopLevelCondition, event: { type: 'decided' } }];
  });
  const facts: Record<string, Scalar | null> = {};
  let next = 0;
  for (const c of plan.conditions) for (const { fact } of c.measures) facts[fact] = measured[next++] ?? null;
  const { results, failureResults } = await pool.run(facts);
  const ruleResult = results[0] ?? failureResults[0];
  // No result at all means the run skipped its rule: the symptom of a shared Engine (#303).
  if (!ruleResult)
    throw new EvaluationError('engine-skipped', `json-rules-engine skipped verdict run ${key}`);
  const decided = ruleResult.conditions as unknown as { any: { result?: boolean }[] };
  return decided.any.map((c) => c.result === true);
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
