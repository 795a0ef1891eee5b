// `rollup`: a group (a window) loses a share of its members' deductions (engine/score.ts), the
// members counted by the group they were in on each fact's day.
import { numberParam } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

export const rollup = defineKind({
  kind: 'rollup',
  rules: {
    schema: 'rollup',
    tagged: true,
    parameters: (rule) => [[numberParam('/factor'), rule.factor]],
    references(rule, check) {
      if (check.roster(rule.from)?.groupKind !== rule.subject)
        check.err(
          '/from',
          'rollup-roster',
          `the ${rule.from} roster has no group of kind ${rule.subject} (scope.rosters.${rule.from}.groupKind)`,
        );
    },
  },
  engine: {},
  testing: { exercisable: true },
});
