// `measure`: facts of one type counted, summed or shared, shown as measure items of the
// evaluations that name them. Classified like fact-points; its facts are summed per half-month in
// the fact index, ids not kept (`index`), and shown from the period's totals (`items`).
import { baseItem } from '../engine/score.js';
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
  engine: {
    classified: true,
    index: (rule) => ({ halfMonthSums: rule.field === undefined ? {} : { field: rule.field } }),
    items: (rule) => ({
      ...(rule.reports ? { reports: rule.reports } : {}),
      summed(ctx, [count, sum, trues]) {
        const value =
          rule.aggregate === 'count' ? count : rule.aggregate === 'sum' ? sum : count > 0 ? trues / count : 0;
        return {
          ...baseItem(ctx, rule, undefined, {}),
          effect: 'measure',
          value,
          factCount: count,
          factIds: [],
        };
      },
    }),
  },
  testing: { exercisable: true },
});
