// `ranking`: competition ranking of a score evaluation, its bottom and top groups (engine/ranking.ts,
// top-group.ts); applied by the score or annual-score rule that names it.
import { TIE_POLICIES } from '../rules/choices.js';
import { numberParam, stringParam } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

const ties = { values: TIE_POLICIES, what: 'a tie policy' };

export const ranking = defineKind({
  kind: 'ranking',
  rules: {
    schema: 'ranking',
    tagged: false,
    parameters: (rule) => [
      [numberParam('/bottomGroup/size'), rule.bottomGroup?.size],
      [stringParam('/bottomGroup/ties', ties), rule.bottomGroup?.ties],
      [{ path: '/bottomGroup/exemptAtOrAboveBase', type: 'boolean' }, rule.bottomGroup?.exemptAtOrAboveBase],
      [numberParam('/topGroup/size'), rule.topGroup?.size],
      [numberParam('/topGroup/share'), rule.topGroup?.share],
      [stringParam('/topGroup/ties', ties), rule.topGroup?.ties],
    ],
    references(rule, check) {
      const target = check.refEvaluation('/evaluation', rule.evaluation);
      if (target && target.kind !== 'score' && target.kind !== 'annual-score')
        check.err(
          '/evaluation',
          'ranking-evaluation',
          `only score and annual-score evaluations are ranked; ${rule.evaluation} is a ${target.kind}`,
        );
    },
  },
  engine: {},
  testing: { exercisable: true },
});
