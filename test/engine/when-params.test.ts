// A `{param}` inside a fact-points `when` is compared with the value in force on the fact's day
// (it used to be handed to json-rules-engine as an object, so the rule silently never matched).
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { StoredFact } from '../../src/model/fact.js';
import { edits, loadEdited, replace } from '../loader/helpers.js';

const CONDUCT = 'a05-1-code-of-conduct.yaml';
const withThreshold = edits(
  replace(
    CONDUCT,
    '    codes:\n      late: points.finding.late',
    `    when: { any: [{ fact: code, operator: notEqual, value: late }, { fact: minutes, operator: greaterThanInclusive, value: { param: test.lateMinutes } }] }
    codes:
      late: points.finding.late`,
  ),
  replace(
    'parameters.yaml',
    'parameters:\n',
    `parameters:
  test.lateMinutes:
    title: { zh: 迟到计扣起点（分钟）, en: minutes late from which a late arrival costs points }
    provisions: [A5.1.1]
    values:
      "2018-01-01": 10
      "2018-07-01": 30
`,
  ),
);

const staff = (id: string): StoredFact[] => [
  {
    id: `r-${id}`,
    type: 'roster.staff',
    subject: { kind: 'staff', id },
    occurredOn: '2017-06-01',
    recordedAt: '',
    data: { name: '测试', window: 'W01', dispatchingUnit: '单位', joinedOn: '2017-06-01' },
  },
];
const late = (id: string, occurredOn: string, minutes: number): StoredFact => ({
  id,
  type: 'finding',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn,
  recordedAt: '',
  data: { code: 'late', minutes },
});

describe('a {param} in a fact-points when', () => {
  it('is resolved on the fact day: 20 minutes late counts in March (≥ 10), not in August (≥ 30)', async () => {
    const ruleSet = loadEdited(withThreshold);
    const ctx = await new Evaluator(ruleSet).context([
      ...staff('S001'),
      late('mar', '2018-03-05', 20),
      late('aug', '2018-08-06', 20),
      late('aug-long', '2018-08-07', 45),
    ]);
    const q1 = ctx.evaluate('staff-quarter', '2018-Q1').results[0];
    const q3 = ctx.evaluate('staff-quarter', '2018-Q3').results[0];
    expect(q1?.items.filter((i) => i.code === 'late').flatMap((i) => i.factIds)).toEqual(['mar']);
    expect(q1?.score).toBe(99);
    expect(q3?.items.filter((i) => i.code === 'late').flatMap((i) => i.factIds)).toEqual(['aug-long']);
    expect(q3?.score).toBe(99);
  });

  it('follows a parameter override (rule tests, what-if questions)', async () => {
    const ruleSet = loadEdited(withThreshold);
    const ctx = await new Evaluator(ruleSet, { parameters: { 'test.lateMinutes': 60 } }).context([
      ...staff('S001'),
      late('mar', '2018-03-05', 45),
    ]);
    expect(ctx.evaluate('staff-quarter', '2018-Q1').results[0]?.score).toBe(100);
  });
});
