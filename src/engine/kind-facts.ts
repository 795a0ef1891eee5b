// What the classifier and the fact index need of each rule kind, installed from the kinds' modules
// (src/kinds/) through stages.ts; apart from it so that neither needs the evaluation types.
import type { StoredFact } from '../model/fact.js';
import type { Rule, RuleKind, RuleOfKind } from '../rules/rule-kinds.js';
import type { Entry } from './entry.js';

/** How one rule takes the facts classified to it into the fact index; worked out once per rule. */
export interface IndexTaking {
  /** The finding codes it takes (the classifier then looks at `data.code`); absent: any. */
  codes?: readonly string[];
  /**
   * Its facts are summed per half-month (count, sum of this field, count of `true`), ids not kept,
   * instead of kept as entries: high-volume measures. `field` absent: counted only.
   */
  halfMonthSums?: { field?: string };
  /** Copies what pricing the entry needs from the fact (a code, an amount) onto a new entry. */
  fill?(entry: Entry, fact: StoredFact): void;
}

export interface RuleKindFacts<K extends RuleKind = RuleKind> {
  kind: K;
  /** Its rules take facts: the classifier decides, once per signature, which facts each one takes. */
  classified?: boolean;
  /** Fact types its rules read one by one (decisions, adjustments, verdict events), not as items. */
  recordedFactTypes?(rule: RuleOfKind<K>): string[];
  /** For a classified kind: how a rule keeps the facts it takes (absent: as bare entries). */
  index?(rule: RuleOfKind<K>): IndexTaking;
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

const NO_TAKING: IndexTaking = {};

/** How a classified rule keeps its facts, as its kind's module says. */
export function indexTaking(rule: Rule): IndexTaking {
  return table().byKind.get(rule.kind)?.index?.(rule) ?? NO_TAKING;
}
