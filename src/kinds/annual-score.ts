// `annual-score`: the mean of a shorter score evaluation over the period, plus adjustments,
// optionally graded and ranked (engine/evaluations.ts).
import { dependsOnCutoff, evaluateAnnual } from '../engine/evaluations.js';
import { defineKind } from './kind.js';
import { rankedAndGraded } from './score.js';

const CADENCE_ORDER = ['half-month', 'month', 'quarter', 'year'];

export const annualScore = defineKind({
  kind: 'annual-score',
  rules: {
    schema: 'annual-score',
    definesEvaluation: true,
    tagged: false,
    references(rule, check) {
      const { err } = check;
      const inner = check.refEvaluation('/meanOf', rule.meanOf);
      if (inner && inner.kind !== 'score')
        err('/meanOf', 'mean-of', `meanOf needs a score evaluation; ${rule.meanOf} is a ${inner.kind}`);
      else if (inner && inner.subject !== rule.subject)
        err('/meanOf', 'mean-of', `${rule.meanOf} scores ${inner.subject}, this rule ${rule.subject}`);
      else if (inner && CADENCE_ORDER.indexOf(inner.cadence) >= CADENCE_ORDER.indexOf(rule.cadence))
        err('/meanOf', 'mean-of', `${rule.meanOf} (${inner.cadence}) is not shorter than ${rule.cadence}`);
      if (rule.adjustments) check.factType('/adjustments/factType', rule.adjustments.factType);
      check.refRule('/tiers', rule.tiers, 'tiers');
      check.refRule('/decision', rule.decision, 'decision');
      // An averaged evaluation may be ranked: by a ranking of this evaluation.
      const ranking = check.refRule('/ranking', rule.ranking, 'ranking');
      if (ranking && ranking.evaluation !== rule.evaluation)
        err(
          '/ranking',
          'ranking-evaluation',
          `ranking ${ranking.id} ranks ${ranking.evaluation}, not ${rule.evaluation}`,
        );
    },
  },
  engine: {
    recordedFactTypes: (rule) => (rule.adjustments ? [rule.adjustments.factType] : []),
    stage: {
      evaluate: evaluateAnnual,
      dependsOnCutoff(ctx, rule) {
        if (rule.decision !== undefined) return true;
        const inner = ctx.evaluations.get(rule.meanOf);
        return rule.adjustments !== undefined || (inner !== undefined && dependsOnCutoff(ctx, inner));
      },
    },
  },
  testing: { exercisable: true, exercisedWith: rankedAndGraded },
});
