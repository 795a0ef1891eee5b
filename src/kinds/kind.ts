// One rule kind, one module: its schema and loader checks (rules/), its evaluation stage (engine/)
// and its rule-test hooks (testing/) together. index.ts lists the modules and installs each half
// into its layer, so the loader and the engine never import this folder.
import type { RuleKindEngine } from '../engine/stages.js';
import type { RuleKindChecks } from '../rules/kind-checks.js';
import type { RuleKind } from '../rules/rule-kinds.js';
import type { RuleKindTestHooks } from '../testing/hooks.js';

export interface RuleKindModule<K extends RuleKind = RuleKind> {
  kind: K;
  rules: Omit<RuleKindChecks<K>, 'kind'>;
  engine: Omit<RuleKindEngine<K>, 'kind'>;
  testing: Omit<RuleKindTestHooks<K>, 'kind'>;
}

/** Typed by the kind, so each part sees its own rule type. */
export function defineKind<K extends RuleKind>(module: RuleKindModule<K>): RuleKindModule<K> {
  return module;
}
