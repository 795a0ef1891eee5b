// `decision`: a decision fact that settles a proposed grade (engine/tiers.ts).
import { defineKind } from './kind.js';

export const decision = defineKind({
  kind: 'decision',
  rules: {
    schema: 'decision',
    tagged: false,
    references(rule, check) {
      check.factType('/factType', rule.factType);
    },
  },
  engine: { recordedFactTypes: (rule) => [rule.factType] },
  testing: { exercisable: true },
});
