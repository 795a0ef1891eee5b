// The engine's half of a rule kind's module (src/kinds/): whether the classifier feeds its rules
// facts, and the stage that evaluates the evaluations it defines. The engine asks the installed
// table instead of switching on the kind.
import type { Period } from '../periods/index.js';
import type { EvaluationKind, RuleKind, RuleOfKind } from '../rules/rule-kinds.js';
import type { Classifier } from './classify.js';
import type { Context } from './context.js';
import { installRuleKindFacts, type RuleKindFacts } from './kind-facts.js';
import { PreparedItems, type RuleItems } from './taking.js';
import type { Result } from './types.js';

export interface EvaluateOptions {
  /** Only decisions and adjustments that occurred before this date count (results "as they stood"). */
  beforeDate?: string;
}

export type { EvaluationKind } from '../rules/rule-kinds.js';

export interface EvaluationStage<K extends EvaluationKind = EvaluationKind> {
  /** The results of the evaluation the rule defines, for one period (cut to the rule set's range). */
  evaluate(ctx: Context, rule: RuleOfKind<K>, period: Period, options: EvaluateOptions): Result[];
  /** Whether a cut-off date can change its results (through decisions and adjustments). */
  dependsOnCutoff(ctx: Context, rule: RuleOfKind<K>): boolean;
}

export interface RuleKindEngine<K extends RuleKind = RuleKind> extends RuleKindFacts<K> {
  /** Only for kinds that define evaluations. */
  stage?: K extends EvaluationKind ? EvaluationStage<K> : never;
  /** For a classified kind: what a rule makes of the entries it took (score items, report items). */
  items?(rule: RuleOfKind<K>): RuleItems;
}

let installed: ReadonlyMap<RuleKind, RuleKindEngine> | undefined;
let prepared = new WeakMap<Classifier, PreparedItems>();

/** Called once by the composition (src/kinds/index.ts) before anything evaluates. */
export function installRuleKindEngines(kinds: readonly RuleKindEngine[]): void {
  installed = new Map(kinds.map((k) => [k.kind, k]));
  installRuleKindFacts(kinds);
  prepared = new WeakMap();
}

export function ruleKindEngines(): ReadonlyMap<RuleKind, RuleKindEngine> {
  if (!installed)
    throw new Error('rule kinds are not installed: call installKinds() (src/kinds/index.ts) first');
  return installed;
}

/** The stage of the kind of an evaluation's rule. */
export function stageOf(rule: RuleOfKind<EvaluationKind>): EvaluationStage {
  const stage = ruleKindEngines().get(rule.kind)?.stage as EvaluationStage | undefined;
  if (!stage) throw new Error(`rule kind ${rule.kind} has no evaluation stage installed`);
  return stage;
}

/**
 * What each classified rule makes of its entries, by rule index (Classifier.rules), prepared once
 * per classifier: the per-entry loops index these arrays instead of asking the kind of each entry.
 */
export function ruleItems(classifier: Classifier): PreparedItems {
  let items = prepared.get(classifier);
  if (!items) {
    const engines = ruleKindEngines();
    items = new PreparedItems(classifier.rules.map((rule) => engines.get(rule.kind)?.items?.(rule)));
    prepared.set(classifier, items);
  }
  return items;
}
