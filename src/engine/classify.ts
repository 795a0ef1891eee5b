// Which rules does a fact feed? json-rules-engine decides, once per distinct fact *signature*
// (type, subject kind and the data fields the rules look at) — never once per fact, which would
// cost ~0.3 ms × 1.25 million. A fresh Engine per run keeps concurrent callers apart
// (json-rules-engine 7.3.1 corrupts concurrent runs of one Engine, upstream #303).
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Fact } from '../model/fact.js';
import { ENVELOPE_PREFIX } from '../rules/fact-fields.js';
import type { Condition, Rule, RuleSet } from '../rules/types.js';
import { classifiedKinds, indexTaking } from './kind-facts.js';
import type { Parameters } from './params.js';

/** The rules of the kinds that take facts: of one fact type, about one subject kind. */
export type ClassifiedRule = Extract<Rule, { factType: string; subject: string }>;

export class Classifier {
  readonly rules: ClassifiedRule[];
  /** fact type → the data fields some rule's condition looks at */
  private readonly fieldsByType = new Map<string, string[]>();
  /** fact type → the envelope fields (`envelope.source`) some rule's condition looks at */
  private readonly envelopeByType = new Map<string, string[]>();
  /** fact type → the parameters some rule's condition compares with, resolved on the fact's day */
  private readonly paramsByType = new Map<string, string[]>();
  private readonly memo = new Map<string, number[]>();
  private readonly pending = new Map<string, Promise<number[]>>();
  /** fact type (without fields) → subject kind → matches, filled from `memo` */
  private readonly plain = new Map<string, Map<string, number[]>>();
  /**
   * fact type → subject kind → the first field's value → … → matches, filled from `memo`: a fact
   * whose fields hold primitives finds its matches by its values, with no signature string built.
   */
  private readonly byValues = new Map<string, Map<unknown, unknown>>();
  /** fact type → the data fields whose values find its matches in `byValues` (no envelope, no parameter) */
  private readonly valueFields = new Map<string, string[]>();
  private readonly definitions: RuleProperties[];
  /** `type|subject kind` → the definitions of the rules about such facts (the others cannot match) */
  private readonly definitionsOf = new Map<string, RuleProperties[]>();

  constructor(
    ruleSet: RuleSet,
    private readonly params?: Parameters,
  ) {
    const kinds = classifiedKinds();
    this.rules = ruleSet.rules.filter((r): r is ClassifiedRule => kinds.has(r.kind));
    const codes = this.rules.map((rule) => indexTaking(rule).codes);
    for (const [index, rule] of this.rules.entries()) {
      const fields = new Set(this.fieldsByType.get(rule.factType) ?? []);
      if (codes[index]) fields.add('code');
      const envelope = new Set(this.envelopeByType.get(rule.factType) ?? []);
      const params = new Set(this.paramsByType.get(rule.factType) ?? []);
      if ('when' in rule && rule.when) {
        for (const f of conditionFacts(rule.when)) (f.startsWith(ENVELOPE_PREFIX) ? envelope : fields).add(f);
        for (const p of conditionParams(rule.when)) params.add(p);
      }
      this.fieldsByType.set(rule.factType, [...fields].sort());
      if (envelope.size > 0) this.envelopeByType.set(rule.factType, [...envelope].sort());
      if (params.size > 0) this.paramsByType.set(rule.factType, [...params].sort());
    }
    for (const [type, fields] of this.fieldsByType)
      if (fields.length > 0 && !this.envelopeByType.has(type) && !this.paramsByType.has(type))
        this.valueFields.set(type, fields);
    this.definitions = this.rules.map((rule, index) => {
      const all: TopLevelCondition[] = [
        { fact: 'type', operator: 'equal', value: rule.factType } as unknown as TopLevelCondition,
        { fact: 'subjectKind', operator: 'equal', value: rule.subject } as unknown as TopLevelCondition,
      ];
      if (codes[index]) {
        all.push({ fact: 'code', operator: 'in', value: codes[index] } as unknown as TopLevelCondition);
      }
      if ('when' in rule && rule.when) all.push(withParamFacts(rule.when) as unknown as TopLevelCondition);
      return {
        name: rule.id,
        conditions: { all },
        event: { type: 'matched', params: { index } },
      } as RuleProperties;
    });
  }

  /** The signature of a fact, or its matches when already known. */
  signature(fact: Fact): string {
    const fields = this.fieldsByType.get(fact.type);
    let key = `${fact.type}|${fact.subject.kind}`;
    if (fields) for (const f of fields) key += `|${JSON.stringify(fact.data[f] ?? null)}`;
    // Most rule sets test neither the envelope nor parameters: skip both lookups on this hot path.
    if (this.envelopeByType.size === 0 && this.paramsByType.size === 0) return key;
    const envelope = this.envelopeByType.get(fact.type);
    if (envelope) for (const f of envelope) key += `|${JSON.stringify(envelopeValue(fact, f))}`;
    const params = this.paramsByType.get(fact.type);
    if (params) for (const p of params) key += `|${JSON.stringify(this.paramOn(p, fact.occurredOn))}`;
    return key;
  }

  known(signature: string): number[] | undefined {
    return this.memo.get(signature);
  }

  /** True when no rule looks into facts of this type: their matches depend on type and subject kind alone. */
  isPlain(type: string): boolean {
    return (
      this.fieldsByType.get(type)?.length === 0 &&
      !this.envelopeByType.has(type) &&
      !this.paramsByType.has(type)
    );
  }

  /** The fact's matches when its signature is known; types no condition looks into skip the signature string. */
  knownFor(fact: Fact): number[] | undefined {
    if (!this.isPlain(fact.type)) return this.knownByValues(fact) ?? this.memo.get(this.signature(fact));
    let byKind = this.plain.get(fact.type);
    if (!byKind) {
      byKind = new Map();
      this.plain.set(fact.type, byKind);
    }
    let hit = byKind.get(fact.subject.kind);
    if (!hit) {
      hit = this.memo.get(this.signature(fact));
      if (hit) byKind.set(fact.subject.kind, hit);
    }
    return hit;
  }

  /**
   * The matches of a fact whose type is tested on data fields only (no envelope, no parameter)
   * and whose fields hold primitives, found level by level from its values; learnt from `memo`
   * on the first fact of each combination. Otherwise undefined (the signature decides).
   */
  private knownByValues(fact: Fact): number[] | undefined {
    const fields = this.valueFields.get(fact.type);
    if (!fields) return undefined;
    let node = this.byValues.get(fact.type);
    if (!node) {
      node = new Map();
      this.byValues.set(fact.type, node);
    }
    let key: unknown = fact.subject.kind;
    for (let i = 0; i <= fields.length; i++) {
      const next = node.get(key) as Map<unknown, unknown> | number[] | undefined;
      if (next === undefined) return this.learn(fact, fields, i, node, key);
      if (i === fields.length) return next as number[];
      node = next as Map<unknown, unknown>;
      const value = fact.data[fields[i] as string] ?? null;
      if (typeof value === 'object' && value !== null) return undefined;
      key = value;
    }
    return undefined;
  }

  /** Extends the tree of values from level `level` with the fact's memoised matches (if known). */
  private learn(
    fact: Fact,
    fields: string[],
    level: number,
    at: Map<unknown, unknown>,
    key: unknown,
  ): number[] | undefined {
    const values: unknown[] = [];
    for (let i = level; i < fields.length; i++) {
      const value = fact.data[fields[i] as string] ?? null;
      if (typeof value === 'object' && value !== null) return undefined;
      values.push(value);
    }
    const matches = this.memo.get(this.signature(fact));
    if (!matches) return undefined;
    let node = at;
    let k = key;
    for (const value of values) {
      const next = new Map<unknown, unknown>();
      node.set(k, next);
      node = next;
      k = value;
    }
    node.set(k, matches);
    return matches;
  }

  /** Indexes (into `rules`) of the rules this fact feeds. */
  async classify(fact: Fact, signature = this.signature(fact)): Promise<number[]> {
    const hit = this.memo.get(signature);
    if (hit) return hit;
    let running = this.pending.get(signature);
    if (!running) {
      running = this.run(fact).then((matches) => {
        this.memo.set(signature, matches);
        this.pending.delete(signature);
        return matches;
      });
      this.pending.set(signature, running);
    }
    return running;
  }

  private async run(fact: Fact): Promise<number[]> {
    if (!this.fieldsByType.has(fact.type)) return [];
    // Every field any rule looks at is given (null when absent): with undefined facts,
    // json-rules-engine would let notEqual/notIn pass silently.
    const facts: Record<string, unknown> = { type: fact.type, subjectKind: fact.subject.kind };
    for (const fields of this.fieldsByType.values()) for (const f of fields) facts[f] = null;
    for (const f of this.fieldsByType.get(fact.type) ?? []) facts[f] = fact.data[f] ?? null;
    for (const fields of this.envelopeByType.values()) for (const f of fields) facts[f] = null;
    for (const f of this.envelopeByType.get(fact.type) ?? []) facts[f] = envelopeValue(fact, f);
    for (const names of this.paramsByType.values()) for (const p of names) facts[PARAM_FACT + p] = null;
    for (const p of this.paramsByType.get(fact.type) ?? [])
      facts[PARAM_FACT + p] = this.paramOn(p, fact.occurredOn);
    // Only the rules of this fact type and subject kind: every other rule's first two conditions
    // fail, and an Engine of ~50 rules costs ~2 ms to build and run, once per signature.
    const key = `${fact.type}|${fact.subject.kind}`;
    let definitions = this.definitionsOf.get(key);
    if (!definitions) {
      definitions = this.definitions.filter(
        (_, i) => this.rules[i]?.factType === fact.type && this.rules[i]?.subject === fact.subject.kind,
      );
      this.definitionsOf.set(key, definitions);
    }
    if (definitions.length === 0) return [];
    const engine = new Engine(definitions, { allowUndefinedFacts: false });
    const { events } = await engine.run(facts);
    return events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
  }

  /** A `{param}` in a condition compares with the value in force on the fact's day. */
  private paramOn(name: string, date: string): unknown {
    if (!this.params)
      throw new Error(`classifier: parameter ${name} is compared with, but no parameters given`);
    return this.params.at(name, date);
  }
}

/** json-rules-engine compares with another fact through `value: { fact }`; parameters become facts. */
const PARAM_FACT = 'param:';

function withParamFacts(cond: Condition): unknown {
  if ('all' in cond) return { all: cond.all.map(withParamFacts) };
  if ('any' in cond) return { any: cond.any.map(withParamFacts) };
  if ('not' in cond) return { not: withParamFacts(cond.not) };
  const v = cond.value;
  if (v && typeof v === 'object' && !Array.isArray(v))
    return { ...cond, value: { fact: PARAM_FACT + v.param } };
  return cond;
}

function conditionParams(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(conditionParams);
  if ('any' in cond) return cond.any.flatMap(conditionParams);
  if ('not' in cond) return conditionParams(cond.not);
  const v = cond.value;
  return v && typeof v === 'object' && !Array.isArray(v) ? [v.param] : [];
}

function envelopeValue(fact: Fact, name: string): unknown {
  const value = (fact as unknown as Record<string, unknown>)[name.slice(ENVELOPE_PREFIX.length)];
  return value ?? null;
}

export function conditionFacts(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(conditionFacts);
  if ('any' in cond) return cond.any.flatMap(conditionFacts);
  if ('not' in cond) return conditionFacts(cond.not);
  return [cond.fact];
}
