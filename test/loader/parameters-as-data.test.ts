// The measures as data: a number of the measures changes by editing parameters.yaml — no code
// change — and the loaded rule set and the evaluations follow, from the date the YAML says.
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { Result } from '../../src/engine/types.js';
import type { StoredFact } from '../../src/model/fact.js';
import type { RuleSet } from '../../src/rules/types.js';
import { loadEdited, replace } from './helpers.js';

const RECORDED = '2019-06-30T00:00:00.000Z';

function fact(
  id: string,
  type: string,
  subject: string,
  occurredOn: string,
  data: Record<string, unknown>,
): StoredFact {
  const kind = type === 'roster.window' ? 'window' : 'staff';
  return { id, type, subject: { kind, id: subject }, occurredOn, data, recordedAt: RECORDED };
}

/** One window, staff S1…S8; S<n> is late n-1 times in February 2018. */
function lateFacts(): StoredFact[] {
  const facts = [
    fact('roster-W01', 'roster.window', 'W01', '2017-06-01', {
      name: '测试窗口',
      department: '区行政审批服务局',
    }),
  ];
  for (let n = 1; n <= 8; n++) {
    const staff = `S${n}`;
    facts.push(
      fact(`roster-${staff}`, 'roster.staff', staff, '2017-06-01', {
        name: `人员${n}`,
        window: 'W01',
        dispatchingUnit: '区行政审批服务局',
        joinedOn: '2017-06-01',
      }),
    );
    for (let k = 1; k < n; k++)
      facts.push(
        fact(`late-${staff}-${k}`, 'finding', staff, `2018-02-${String(k + 1).padStart(2, '0')}`, {
          code: 'late',
        }),
      );
  }
  return facts;
}

async function quarter(ruleSet: RuleSet, facts: StoredFact[], period: string): Promise<Map<string, Result>> {
  const context = await new Evaluator(ruleSet).context(facts);
  const body = context.evaluate('staff-quarter', period);
  expect(body.ruleset.hash).toBe(ruleSet.hash);
  return new Map(body.results.map((r) => [r.subject.id, r]));
}

const lateItem = (r: Result | undefined) => r?.items.find((i) => i.code === 'late');

describe('changing a parameter value in the YAML', () => {
  const original = loadEdited();
  const changed = loadEdited(
    replace(
      'parameters.yaml',
      'unit: staff\n    values:\n      "2018-01-01": 6',
      'unit: staff\n    values:\n      "2018-01-01": 3',
    ),
    replace(
      'parameters.yaml',
      'of late arrival }\n    provisions: [A5.1.1]\n    unit: points\n    values:\n      "2018-01-01": 1',
      'of late arrival }\n    provisions: [A5.1.1]\n    unit: points\n    values:\n      "2018-01-01": 2',
    ),
  );

  it('gives another rule set: a new hash and the new values, same rules', () => {
    expect(changed.hash).not.toBe(original.hash);
    expect(changed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(original.parameters.get('ranking.bottomGroupSize')?.values).toEqual([
      { from: '2018-01-01', value: 6 },
    ]);
    expect(changed.parameters.get('ranking.bottomGroupSize')?.values).toEqual([
      { from: '2018-01-01', value: 3 },
    ]);
    expect(original.parameters.get('points.finding.late')?.values).toEqual([
      { from: '2018-01-01', value: 1 },
    ]);
    expect(changed.parameters.get('points.finding.late')?.values).toEqual([{ from: '2018-01-01', value: 2 }]);
    expect(changed.rules).toEqual(original.rules);
    expect(changed.manifest).toEqual(original.manifest);
    const others = (rs: RuleSet) =>
      [...rs.parameters].filter(
        ([name]) => name !== 'ranking.bottomGroupSize' && name !== 'points.finding.late',
      );
    expect(others(changed)).toEqual(others(original));
  });

  it('changes the quarterly scores and the bottom group accordingly', async () => {
    const facts = lateFacts();
    const before = await quarter(original, facts, '2018-Q1');
    const after = await quarter(changed, facts, '2018-Q1');
    const ids = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];

    expect(ids.map((id) => before.get(id)?.score)).toEqual([100, 99, 98, 97, 96, 95, 94, 93]);
    expect(ids.map((id) => after.get(id)?.score)).toEqual([100, 98, 96, 94, 92, 90, 88, 86]);
    // Six lowest before (S3…S8), three after (S6…S8); ranks do not change, only the cut.
    expect(ids.filter((id) => before.get(id)?.bottomGroup)).toEqual(['S3', 'S4', 'S5', 'S6', 'S7', 'S8']);
    expect(ids.filter((id) => after.get(id)?.bottomGroup)).toEqual(['S6', 'S7', 'S8']);
    expect(ids.map((id) => after.get(id)?.rank)).toEqual(ids.map((id) => before.get(id)?.rank));

    expect(lateItem(before.get('S4'))).toMatchObject({
      count: 3,
      points: -3,
      parameters: { 'points.finding.late': 1 },
    });
    expect(lateItem(after.get('S4'))).toMatchObject({
      count: 3,
      points: -6,
      parameters: { 'points.finding.late': 2 },
    });
  });
});

describe('effective dating: a second dated value', () => {
  const dated = loadEdited(
    replace(
      'parameters.yaml',
      'of late arrival }\n    provisions: [A5.1.1]\n    unit: points\n    values:\n      "2018-01-01": 1\n',
      'of late arrival }\n    provisions: [A5.1.1]\n    unit: points\n    values:\n      "2018-01-01": 1\n      "2019-01-01": 2\n',
    ),
  );
  const facts = [
    fact('roster-W01', 'roster.window', 'W01', '2017-06-01', {
      name: '测试窗口',
      department: '区行政审批服务局',
    }),
    fact('roster-S1', 'roster.staff', 'S1', '2017-06-01', {
      name: '人员1',
      window: 'W01',
      dispatchingUnit: '区行政审批服务局',
      joinedOn: '2017-06-01',
    }),
    fact('late-2018', 'finding', 'S1', '2018-11-05', { code: 'late' }),
    fact('late-2019', 'finding', 'S1', '2019-02-04', { code: 'late' }),
  ];

  it('keeps both values, in date order', () => {
    expect(dated.parameters.get('points.finding.late')?.values).toEqual([
      { from: '2018-01-01', value: 1 },
      { from: '2019-01-01', value: 2 },
    ]);
  });

  it('prices a 2018 finding at 1 and a 2019 one at 2, and each item names the value it used', async () => {
    const q4 = (await quarter(dated, facts, '2018-Q4')).get('S1');
    const q1 = (await quarter(dated, facts, '2019-Q1')).get('S1');
    expect(q4?.score).toBe(99);
    expect(lateItem(q4)).toMatchObject({
      factIds: ['late-2018'],
      points: -1,
      parameters: { 'points.finding.late': 1 },
    });
    expect(q1?.score).toBe(98);
    expect(lateItem(q1)).toMatchObject({
      factIds: ['late-2019'],
      points: -2,
      parameters: { 'points.finding.late': 2 },
    });
  });
});
