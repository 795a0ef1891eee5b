// Which rules does a fact feed? json-rules-engine decides, once per distinct fact *signature*
// (type, subject kind and the data fields the rules look at) — never once per fact, which would
// cost ~0.3 ms × 1.25 million. A fresh Engine per run keeps concurrent callers apart
// (json-rules-engine 7.3.1 corrupts concurrent runs of one Engine, upstream #303).
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Fact } from '../model/fact.js';
import type { Condition, Rule, RuleSet } from '../rules/types.js';

export type ClassifiedRule = Extract<Rule, { kind: 'fact-points' | 'measure' | 'ratio-points' }>;

export class Classifier {
  readonly rules: ClassifiedRule[];
  /** fact type → the data fields some rule's condition looks at */
  private readonly fieldsByType = new Map<string, string[]>();
  private readonly memo = new Map<string, number[]>();
  private readonly pending = new Map<string, Promise<number[]>>();
  private readonly definitions: RuleProperties[];

  constructor(ruleSet: RuleSet) {
    this.rules = ruleSet.rules.filter(
      (r): r is ClassifiedRule =>
        r.kind === 'fact-points' || r.kind === 'measure' || r.kind === 'ratio-points',
    );
    for (const rule of this.rules) {
      const fields = new Set(this.fieldsByType.get(rule.factType) ?? []);
      if (rule.kind === 'fact-points' && rule.codes) fields.add('code');
      if ('when' in rule && rule.when) for (const f of conditionFacts(rule.when)) fields.add(f);
      this.fieldsByType.set(rule.factType, [...fields].sort());
    }
    this.definitions = this.rules.map((rule, index) => {
      const all: TopLevelCondition[] = [
        { fact: 'type', operator: 'equal', value: rule.factType } as unknown as TopLevelCondition,
        { fact: 'subjectKind', operator: 'equal', value: rule.subject } as unknown as TopLevelCondition,
      ];
      if (rule.kind === 'fact-points' && rule.codes) {
        all.push({
          fact: 'code',
          operator: 'in',
          value: Object.keys(rule.codes),
        } as unknown as TopLevelCondition);
      }
      if ('when' in rule && rule.when) all.push(rule.when as unknown as TopLevelCondition);
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
    return key;
  }

  known(signature: string): number[] | undefined {
    return this.memo.get(signature);
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
    const engine = new Engine(this.definitions, { allowUndefinedFacts: false });
    const { events } = await engine.run(facts);
    return events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
  }
}

export function conditionFacts(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(conditionFacts);
  if ('any' in cond) return cond.any.flatMap(conditionFacts);
  if ('not' in cond) return conditionFacts(cond.not);
  return [cond.fact];
}
