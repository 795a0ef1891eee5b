// (c) Effective-dated parameters: a rule set whose `points.finding.late` takes a second value from
// 2019-01-01 prices a 2018 late at 1 and a 2019 late at 2, and each item names the value it used.
// The rule set is a copy of rules/ with that one edit, written to the OS temp directory.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { Item } from '../../src/engine/types.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LATE = /( {2}points\.finding\.late:\n(?: {4}.*\n)*? {4}values:\n {6}"2018-01-01": 1\n)/;

/** rules/ copied to a temp dir with extra dated values for `points.finding.late`. */
function ruleSetWithLateValues(dir: string, extra: Record<string, number>): RuleSet {
  cpSync(`${root}rules`, dir, { recursive: true });
  const file = join(dir, 'parameters.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toMatch(LATE);
  const lines = Object.entries(extra)
    .map(([from, value]) => `      "${from}": ${value}\n`)
    .join('');
  writeFileSync(file, text.replace(LATE, `$1${lines}`));
  const { ruleSet, errors } = loadRuleSet(readRuleDirectory(dir, 'rules-copy'));
  expect(errors).toEqual([]);
  return ruleSet as RuleSet;
}

let n = 0;
const fact = (
  type: string,
  subject: string,
  occurredOn: string,
  data: Record<string, unknown>,
  id = `f${++n}`,
): StoredFact => {
  const [kind, sid] = subject.split(':') as ['staff' | 'window', string];
  return { id, type, subject: { kind, id: sid }, occurredOn, data, recordedAt: '' };
};
const roster = [
  fact('roster.window', 'window:W01', '2018-01-01', { name: '测试窗口', department: '区行政审批服务局' }),
  fact('roster.staff', 'staff:S001', '2017-06-01', {
    name: '测试人员',
    window: 'W01',
    dispatchingUnit: '区行政审批服务局',
    joinedOn: '2017-06-01',
  }),
];
const lateItems = (items: Item[]) =>
  items.filter((i) => i.rule === 'conduct.attendance' && i.code === 'late');

describe('effective dating of parameter values', () => {
  const dirs: string[] = [];
  let original: RuleSet;
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-rules-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    original = loadRuleSet(readRuleDirectory(`${root}rules`, 'rules')).ruleSet as RuleSet;
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a late in 2018 costs 1, a late in 2019 costs 2; the item names the value it used', async () => {
    const ruleSet = ruleSetWithLateValues(tempDir(), { '2019-01-01': 2 });
    expect(ruleSet.hash).not.toBe(original.hash);
    const facts = [
      ...roster,
      fact('finding', 'staff:S001', '2018-12-31', { code: 'late' }, 'late-2018'),
      fact('finding', 'staff:S001', '2019-01-01', { code: 'late' }, 'late-2019'),
    ];
    const ctx = await new Evaluator(ruleSet).context(facts);

    const q4 = ctx.evaluate('staff-quarter', '2018-Q4').results.find((r) => r.subject.id === 'S001');
    expect(q4?.score).toBe(99);
    expect(lateItems(q4?.items ?? [])).toMatchObject([
      { points: -1, factIds: ['late-2018'], parameters: { 'points.finding.late': 1 } },
    ]);

    const q1 = ctx.evaluate('staff-quarter', '2019-Q1').results.find((r) => r.subject.id === 'S001');
    expect(q1?.score).toBe(98);
    expect(lateItems(q1?.items ?? [])).toMatchObject([
      { points: -2, factIds: ['late-2019'], parameters: { 'points.finding.late': 2 } },
    ]);

    // the window answers for half of each, at the price of its day
    const w = ctx.evaluate('window-quarter', '2019-Q1').results.find((r) => r.subject.id === 'W01');
    expect(w?.score).toBe(99);

    // the reports price the same way
    const circular = ctx
      .evaluate('staff-month-circular', '2019-01')
      .results.find((r) => r.subject.id === 'S001');
    expect(lateItems(circular?.items ?? [])).toMatchObject([
      { points: -2, parameters: { 'points.finding.late': 2 } },
    ]);

    // the original rule set prices both at 1
    const before = await new Evaluator(original).context(facts);
    const q1Before = before.evaluate('staff-quarter', '2019-Q1').results.find((r) => r.subject.id === 'S001');
    expect(q1Before?.score).toBe(99);
    expect(lateItems(q1Before?.items ?? [])).toMatchObject([
      { points: -1, parameters: { 'points.finding.late': 1 } },
    ]);
  });

  it('a value that changes inside a quarter gives one item per price, each naming its value', async () => {
    const ruleSet = ruleSetWithLateValues(tempDir(), { '2019-01-01': 2, '2019-02-15': 3 });
    const facts = [
      ...roster,
      fact('finding', 'staff:S001', '2019-02-14', { code: 'late' }, 'a'),
      fact('finding', 'staff:S001', '2019-02-15', { code: 'late' }, 'b'),
      fact('finding', 'staff:S001', '2019-03-01', { code: 'late' }, 'c'),
    ];
    const ctx = await new Evaluator(ruleSet).context(facts);
    const q1 = ctx.evaluate('staff-quarter', '2019-Q1').results.find((r) => r.subject.id === 'S001');
    expect(q1?.score).toBe(100 - 2 - 3 - 3);
    const items = lateItems(q1?.items ?? []);
    expect(items).toHaveLength(2);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          points: -2,
          count: 1,
          factIds: ['a'],
          parameters: { 'points.finding.late': 2 },
        }),
        expect.objectContaining({
          points: -6,
          count: 2,
          factIds: ['b', 'c'],
          parameters: { 'points.finding.late': 3 },
        }),
      ]),
    );
  });

  it('an Evaluator override replaces the whole history of the parameter', async () => {
    const ruleSet = ruleSetWithLateValues(tempDir(), { '2019-01-01': 2 });
    const facts = [
      ...roster,
      fact('finding', 'staff:S001', '2018-12-31', { code: 'late' }),
      fact('finding', 'staff:S001', '2019-01-01', { code: 'late' }),
    ];
    const ctx = await new Evaluator(ruleSet, { parameters: { 'points.finding.late': 5 } }).context(facts);
    for (const period of ['2018-Q4', '2019-Q1']) {
      const r = ctx.evaluate('staff-quarter', period).results.find((x) => x.subject.id === 'S001');
      expect(r?.score).toBe(95);
      expect(lateItems(r?.items ?? [])).toMatchObject([{ parameters: { 'points.finding.late': 5 } }]);
    }
  });

  it('an override of a parameter the rule set does not define is refused', () => {
    expect(() => new Evaluator(original, { parameters: { 'points.finding.no-such-code': 1 } })).toThrow(
      /no such parameter/,
    );
  });
});
