// `ratio-points`: a ratio of two number fields of one fact type, priced by bands (engine/score.ts).
import { numberParam, type ParamField } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

export const ratioPoints = defineKind({
  kind: 'ratio-points',
  rules: {
    schema: 'ratio-points',
    tagged: true,
    parameters: (rule) =>
      rule.bands.flatMap((b, i): [ParamField, string | undefined][] => [
        [numberParam(`/bands/${i}/atLeast`), b.atLeast],
        [numberParam(`/bands/${i}/below`), b.below],
        [numberParam(`/bands/${i}/points`), b.points],
        [numberParam(`/bands/${i}/scale/per`), b.scale?.per],
      ]),
    dataFields: (rule) => [
      ['/numerator', rule.numerator],
      ['/denominator', rule.denominator],
    ],
    references(rule, check) {
      check.factType('/factType', rule.factType);
    },
  },
  engine: { classified: true },
  testing: { exercisable: true, twoCases: true },
});
