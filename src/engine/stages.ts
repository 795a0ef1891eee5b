// The engine's half of a rule kind's module (src/kinds/): whether the classifier feeds its rules
// facts, and the stage that evaluates the evaluations it defines. The engine asks the installed
// table instead of switching on the kind.
import type { Period } from '../periods/index.js';
import type { EvaluationKind, RuleKind, RuleOfKind } from '../rules/rule-kinds.js';
import type { Context } from './context.js';
import { installRuleKindFacts, type RuleKindFacts } from './kind-facts.js';
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
}

let installed: ReadonlyMap<RuleKind, RuleKindEngine> | undefined;

/** Called once by the composition (src/kinds/index.ts) before anything evaluates. */
export function installRuleKindEngines(kinds: readonly RuleKindEngine[]): void {
  installed = new Map(kinds.map((k) => [k.kind, k]));
  installRuleKindFacts(kinds);
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
