// Running rule-test cases against a rule set: each case builds its facts, evaluates (or asks a
// verdict) with any parameter overrides, and compares with what it expects. Failures name the
// case file and line, and show expected against actual.
import { EvaluationError, evaluationRules } from '../engine/context.js';
import { Evaluator } from '../engine/evaluator.js';
import type { Result } from '../engine/types.js';
import { camel } from '../engine/verdict.js';
import type { StoredFact } from '../model/fact.js';
import { PeriodError } from '../periods/index.js';
import type { RuleSet } from '../rules/types.js';
import { vocabularyOfAny } from '../rules/vocabulary.js';
import { validateFactBatch } from '../schemas/registry.js';
import { ruleKindTestHooks } from './hooks.js';
import type { ExpectedResult, TestCase } from './suite.js';

export interface CaseOutcome {
  testCase: TestCase;
  line: number;
  passed: boolean;
  failures: string[];
  /**
   * Rule ids this case exercised: those that produced an item, a condition, a rank, a tier or the
   * evaluation in its output. Declaring a provision exercises nothing.
   */
  rules: Set<string>;
}

export async function runCase(ruleSet: RuleSet, c: TestCase): Promise<CaseOutcome> {
  const line = c.file.position(c.pointer).line;
  const failures: string[] = [];
  const rules = new Set<string>();
  const outcome = (): CaseOutcome => ({ testCase: c, line, passed: failures.length === 0, failures, rules });

  const invalid = validateFactBatch(
    c.facts.map(
      ({ recordedAt: _r, ...f }: StoredFact | ((typeof c.facts)[number] & { recordedAt?: string })) => f,
    ),
    vocabularyOfAny(ruleSet),
  );
  for (const e of invalid)
    failures.push(`fact ${e.id ?? `#${e.index + 1}`} is not a valid fact: ${e.message}`);
  if (failures.length > 0) return outcome();

  let evaluator: Evaluator;
  try {
    evaluator = new Evaluator(ruleSet, { parameters: c.parameters });
  } catch (error) {
    failures.push((error as Error).message);
    return outcome();
  }
  const facts: StoredFact[] = c.facts.map((f, seq) => ({ recordedAt: '', ...f, seq }));
  const ctx = await evaluator.context(facts);
  try {
    if (c.evaluate) {
      const body = ctx.evaluate(c.evaluate.kind, c.evaluate.period);
      checkResults(c, body.results, failures, rules);
      // The rule that defines the evaluation, as the engine finds it (procedures name it too).
      const defining = evaluationRules(ruleSet).get(c.evaluate.kind);
      if (defining) {
        rules.add(defining.id);
        const hooks = ruleKindTestHooks().get(defining.kind);
        for (const id of hooks?.exercisedWith?.(defining, body.results) ?? []) rules.add(id);
      }
    } else if (c.verdict) {
      const body = await ctx.verdict(c.verdict.id, c.verdict.subject.replace(/^[a-z]+:/, ''), c.verdict.date);
      rules.add(c.verdict.id);
      for (const cond of body.conditions) rules.add(cond.rule);
      const flag = body[camel(c.verdict.id)];
      if (c.expect.met !== undefined && flag !== c.expect.met)
        failures.push(`verdict ${c.verdict.id}: expected ${c.expect.met}, got ${String(flag)}`);
      for (const [key, met] of Object.entries(c.expect.conditions ?? {})) {
        const cond = body.conditions.find((x) => x.provision === key || x.rule === key);
        if (!cond) failures.push(`condition ${key}: not in the verdict`);
        else if (cond.met !== met)
          failures.push(
            `condition ${key}: expected met=${met}, got met=${cond.met} (evidence ${JSON.stringify(cond.evidence.measures)})`,
          );
      }
      for (const [key, measures] of Object.entries(c.expect.evidence ?? {})) {
        const cond = body.conditions.find((x) => x.provision === key || x.rule === key);
        const actual = (cond?.evidence.measures ?? {}) as Record<string, { value: unknown }>;
        for (const [name, value] of Object.entries(measures)) {
          if (!same(actual[name]?.value, value))
            failures.push(
              `condition ${key} measure ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[name]?.value)}`,
            );
        }
      }
    }
    if (c.expect.error) failures.push(`expected error ${c.expect.error}, but the case succeeded`);
  } catch (error) {
    const code =
      error instanceof EvaluationError ? error.code : error instanceof PeriodError ? error.code : undefined;
    if (!code || code !== c.expect.error)
      failures.push(
        `error: ${(error as Error).message}${c.expect.error ? ` (expected error ${c.expect.error})` : ''}`,
      );
  }
  return outcome();
}

function checkResults(c: TestCase, results: Result[], failures: string[], rules: Set<string>): void {
  const byKey = new Map(results.map((r) => [`${r.subject.kind}:${r.subject.id}`, r]));
  for (const r of results) {
    for (const item of r.items) rules.add(item.rule);
    const rule = r.explanation?.rule;
    if (typeof rule === 'string') rules.add(rule);
  }
  const e = c.expect;
  if (e.count !== undefined && results.length !== e.count)
    failures.push(`expected ${e.count} results, got ${results.length} (${[...byKey.keys()].join(', ')})`);
  for (const key of e.absent ?? [])
    if (byKey.has(key)) failures.push(`${key}: expected no result, got one (score ${byKey.get(key)?.score})`);
  if (e.order) {
    const actual = results
      .map((r) => `${r.subject.kind}:${r.subject.id}`)
      .filter((k) => e.order?.includes(k));
    if (actual.join() !== e.order.join())
      failures.push(`order: expected ${e.order.join(', ')}, got ${actual.join(', ')}`);
  }
  for (const [key, expected] of Object.entries(e.results ?? {})) {
    const actual = byKey.get(key);
    if (!actual) {
      failures.push(
        `${key}: expected a result, got none (results: ${[...byKey.keys()].join(', ') || 'none'})`,
      );
      continue;
    }
    compareResult(key, expected, actual, failures);
  }
}

function compareResult(key: string, expected: ExpectedResult, actual: Result, failures: string[]): void {
  for (const field of ['score', 'rank', 'bottomGroup', 'topGroup'] as const) {
    if (expected[field] !== undefined && !same(actual[field], expected[field])) {
      failures.push(
        `${key}: expected ${field} ${JSON.stringify(expected[field])}, got ${JSON.stringify(actual[field])}`,
      );
    }
  }
  for (const [field, want] of Object.entries(expected.explanation ?? {})) {
    const got = actual.explanation?.[field];
    if (JSON.stringify(canonical(got)) !== JSON.stringify(canonical(want)))
      failures.push(
        `${key}: expected explanation.${field} ${JSON.stringify(want)}, got ${JSON.stringify(got ?? null)}`,
      );
  }
  if (expected.tier !== undefined) {
    const want = typeof expected.tier === 'string' ? { id: expected.tier } : expected.tier;
    const got = actual.tier;
    const mismatch =
      !got ||
      (want.id !== undefined && got.id !== want.id) ||
      (want.label !== undefined && got.label !== want.label) ||
      (want.decided !== undefined && got.decided !== want.decided) ||
      (want.proposed !== undefined && got.proposed?.id !== want.proposed);
    if (mismatch)
      failures.push(`${key}: expected tier ${JSON.stringify(want)}, got ${JSON.stringify(got ?? null)}`);
  }
  for (const want of expected.items ?? []) {
    const found = actual.items.some((item) =>
      Object.entries(want).every(([k, v]) => same((item as unknown as Record<string, unknown>)[k], v)),
    );
    if (!found)
      failures.push(
        `${key}: expected an item ${JSON.stringify(want)}, got ${JSON.stringify(actual.items.map(brief))}`,
      );
  }
  for (const rule of expected.noItems ?? []) {
    if (actual.items.some((i) => i.rule === rule)) failures.push(`${key}: expected no item of rule ${rule}`);
  }
}

function brief(item: Result['items'][number]) {
  return {
    rule: item.rule,
    code: item.code,
    points: item.points,
    count: item.count,
    value: item.value,
    ...(item.group === undefined ? {} : { group: item.group }),
    factIds: item.factIds,
  };
}

/** Key order does not matter when comparing explanation fields. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && [...a].sort().every((x, i) => same(x, [...b].sort()[i]));
  return JSON.stringify(a) === JSON.stringify(b);
}
