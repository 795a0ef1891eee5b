// The rule kinds whose rules the classifier feeds facts, as installed from their modules (src/kinds/)
// through stages.ts; apart from it so the classifier needs no evaluation types.
import type { RuleKind } from '../rules/rule-kinds.js';

let classified: ReadonlySet<RuleKind> | undefined;

export function installClassifiedKinds(kinds: Iterable<RuleKind>): void {
  classified = new Set(kinds);
}

export function classifiedKinds(): ReadonlySet<RuleKind> {
  if (!classified)
    throw new Error('rule kinds are not installed: call installKinds() (src/kinds/index.ts) first');
  return classified;
}
