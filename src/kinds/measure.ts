// `measure`: facts of one type counted, summed or shared, shown as measure items of the
// evaluations that name them. Classified like fact-points; summed per half-month in the fact index.
import { defineKind } from './kind.js';

export const measure = defineKind({
  kind: 'measure',
  rules: {
    schema: 'measure',
    tagged: true,
    dataFields: (rule) => (rule.field ? [['/field', rule.field]] : []),
    references(rule, check) {
      check.factType('/factType', rule.factType);
      if (rule.aggregate !== 'count' && !rule.field)
        check.err('/field', 'missing-field', `aggregate ${rule.aggregate} needs a field`, true);
    },
  },
  engine: { classified: true },
  testing: { exercisable: true },
});
