// What the classifier and the fact index need of each rule kind, installed from the kinds' modules
// (src/kinds/) through stages.ts; apart from it so that neither needs the evaluation types.
import type { Rule, RuleKind, RuleOfKind } from '../rules/rule-kinds.js';

export interface RuleKindFacts<K extends RuleKind = RuleKind> {
  kind: K;
  /** Its rules take facts: the classifier decides, once per signature, which facts each one takes. */
  classified?: boolean;
  /** Fact types its rules read one by one (decisions, adjustments, verdict events), not as items. */
  recordedFactTypes?(rule: RuleOfKind<K>): string[];
}

let installed:
  | { classified: ReadonlySet<RuleKind>; byKind: ReadonlyMap<RuleKind, RuleKindFacts> }
  | undefined;

export function installRuleKindFacts(kinds: readonly RuleKindFacts[]): void {
  installed = {
    classified: new Set(kinds.filter((k) => k.classified).map((k) => k.kind)),
    byKind: new Map(kinds.map((k) => [k.kind, k])),
  };
}

function table() {
  if (!installed)
    throw new Error('rule kinds are not installed: call installKinds() (src/kinds/index.ts) first');
  return installed;
}

export function classifiedKinds(): ReadonlySet<RuleKind> {
  return table().classified;
}

/** The fact types a rule reads one by one, as its kind's module says. */
export function recordedFactTypes(rule: Rule): string[] {
  return table().byKind.get(rule.kind)?.recordedFactTypes?.(rule) ?? [];
}
