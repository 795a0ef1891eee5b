// `tiers`: grades by score bounds (parameters), with label sets per staff category
// (engine/tiers.ts); the bounds are checked on every date by rules/check-params.ts.
import { checkTierBounds } from '../rules/check-params.js';
import { numberParam, type ParamField } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

export const tiers = defineKind({
  kind: 'tiers',
  rules: {
    schema: 'tiers',
    tagged: false,
    parameters: (rule) =>
      rule.tiers.map((t, i): [ParamField, string | undefined] => [numberParam(`/tiers/${i}/min`), t.min]),
    ruleSetChecks: checkTierBounds,
  },
  engine: {},
  testing: { exercisable: true },
});
