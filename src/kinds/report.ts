// `report`: the items of the rules that name it (`reports:`), per subject and period, no score.
import { evaluateReport } from '../engine/evaluations.js';
import { numberParam } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

export const report = defineKind({
  kind: 'report',
  rules: {
    schema: 'report',
    definesEvaluation: true,
    tagged: false,
    parameters: (rule) => [[numberParam('/population/minDaysOnRoster'), rule.population?.minDaysOnRoster]],
  },
  engine: { stage: { evaluate: evaluateReport, dependsOnCutoff: () => false } },
  testing: { exercisable: true },
});
