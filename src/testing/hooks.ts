// The rule-test runner's half of a rule kind's module (src/kinds/): which of its rules a case's
// output exercises. The runner and the suites ask the installed table instead of listing kinds.
import type { Result } from '../engine/types.js';
import type { RuleKind, RuleOfKind } from '../rules/rule-kinds.js';

export interface RuleKindTestHooks<K extends RuleKind = RuleKind> {
  kind: K;
  /** A case's output can hold something its rules produce (an item, a condition, a rank, a tier). */
  exercisable: boolean;
  /** Its provisions yield points or a verdict: each needs a positive and a negative case. */
  twoCases?: boolean;
  /** For a rule defining the evaluated kind: the rules it names that the results show (ranking, tiers). */
  exercisedWith?(rule: RuleOfKind<K>, results: readonly Result[]): string[];
}

let installed: ReadonlyMap<RuleKind, RuleKindTestHooks> | undefined;

/** Called once by the composition (src/kinds/index.ts). */
export function installRuleKindTestHooks(kinds: readonly RuleKindTestHooks[]): void {
  installed = new Map(kinds.map((k) => [k.kind, k]));
}

export function ruleKindTestHooks(): ReadonlyMap<RuleKind, RuleKindTestHooks> {
  if (!installed)
    throw new Error('rule kinds are not installed: call installKinds() (src/kinds/index.ts) first');
  return installed;
}
