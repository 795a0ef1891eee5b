// The table of rule kinds: one line per kind, one module per kind. installKinds() hands each
// layer its half (loader checks, engine stages, rule-test hooks); the entry points call it once.
import { installRuleKindEngines } from '../engine/stages.js';
import { installRuleKindChecks } from '../rules/kind-checks.js';
import { installRuleKindTestHooks } from '../testing/hooks.js';
import { annualScore } from './annual-score.js';
import { condition } from './condition.js';
import { decision } from './decision.js';
import { factPoints } from './fact-points.js';
import type { RuleKindModule } from './kind.js';
import { measure } from './measure.js';
import { principle } from './principle.js';
import { procedure } from './procedure.js';
import { ranking } from './ranking.js';
import { ratioPoints } from './ratio-points.js';
import { report } from './report.js';
import { rollup } from './rollup.js';
import { score } from './score.js';
import { tiers } from './tiers.js';
import { verdict } from './verdict.js';

export const RULE_KINDS: readonly RuleKindModule[] = [
  principle,
  factPoints,
  measure,
  ratioPoints,
  rollup,
  score,
  annualScore,
  report,
  ranking,
  tiers,
  decision,
  condition,
  verdict,
  procedure,
] as readonly RuleKindModule[];

/** Installs every kind's halves into the loader, the engine and the rule-test runner. */
export function installKinds(): void {
  installRuleKindChecks(RULE_KINDS.map(({ kind, rules }) => ({ kind, ...rules })));
  installRuleKindEngines(RULE_KINDS.map(({ kind, engine }) => ({ kind, ...engine })));
  installRuleKindTestHooks(RULE_KINDS.map(({ kind, testing }) => ({ kind, ...testing })));
}
