// `verdict`: a yes/no question about a subject on a date (return to unit), met when any or all of
// its condition rules are (engine/verdict.ts).
import { defineKind } from './kind.js';

export const verdict = defineKind({
  kind: 'verdict',
  rules: {
    schema: 'verdict',
    tagged: false,
    references(rule, check) {
      if (!check.rules().some((x) => x.kind === 'condition' && x.verdict === rule.id))
        check.err('/id', 'verdict-without-conditions', `verdict ${rule.id} has no condition rules`);
    },
  },
  engine: {},
  testing: { exercisable: true },
});
