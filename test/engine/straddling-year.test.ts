// Measures that take effect mid-year (effective.from 2018-06-01, every parameter from that day):
// evaluating the straddling year used to stop with "parameter … has no value on 2018-01-01" (exit
// 70), and back-dated parameters counted January–May as full-score quarters. Now only the part in
// force counts, and each result's explanation says so.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvaluationError } from '../../src/engine/context.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { StoredFact } from '../../src/model/fact.js';
import { copyRules, ensureBuilt, load, ROOT } from '../loader/helpers.js';

beforeAll(ensureBuilt);

/** rules/ with effective.from 2018-06-01 and every parameter history starting that day. */
function juneRules() {
  const copy = copyRules();
  const manifest = join(copy.dir, 'ruleset.yaml');
  const text = readFileSync(manifest, 'utf8');
  expect(text).toMatch(/from: "?2018-01-01"?/);
  writeFileSync(manifest, text.replace(/from: "?2018-01-01"?/, 'from: "2018-06-01"'));
  const params = join(copy.dir, 'parameters.yaml');
  writeFileSync(params, readFileSync(params, 'utf8').replaceAll('"2018-01-01":', '"2018-06-01":'));
  const { ruleSet, errors } = load(copy.dir);
  expect(errors).toEqual([]);
  if (!ruleSet) throw new Error('no rule set');
  return { copy, ruleSet };
}

const fact = (id: string, type: string, occurredOn: string, data: Record<string, unknown>): StoredFact => ({
  id,
  type,
  subject: { kind: 'staff', id: 'S001' },
  occurredOn,
  recordedAt: '2018-12-31T00:00:00.000Z',
  data,
});
const facts: StoredFact[] = [
  fact('roster', 'roster.staff', '2017-06-01', {
    name: '测试人员',
    window: 'W01',
    dispatchingUnit: '区行政审批服务局',
    joinedOn: '2017-06-01',
  }),
  fact('late-march', 'finding', '2018-03-05', { code: 'late' }),
  fact('late-july', 'finding', '2018-07-02', { code: 'late' }),
];

describe('a year that straddles effective.from', () => {
  it('the annual score averages only the quarters in force and says so', async () => {
    const { ruleSet } = juneRules();
    const ctx = await new Evaluator(ruleSet).context(facts);
    const year = ctx.evaluate('staff-year', '2018').results[0];
    expect(year?.explanation?.periods).toEqual({ '2018-Q2': 100, '2018-Q3': 99, '2018-Q4': 100 });
    expect(year?.score).toBeCloseTo(299 / 3, 10);
    expect(year?.explanation?.inForce).toEqual({
      from: '2018-06-01',
      to: '2018-12-31',
      effectiveFrom: '2018-06-01',
    });
  });

  it('a quarter partly in force counts its in-force days; one wholly before is refused', async () => {
    const { ruleSet } = juneRules();
    const ctx = await new Evaluator(ruleSet).context(facts);
    const q2 = ctx.evaluate('staff-quarter', '2018-Q2').results[0];
    expect(q2?.explanation).toMatchObject({
      daysOnRoster: 30,
      inForce: { from: '2018-06-01', to: '2018-06-30' },
    });
    expect(() => ctx.evaluate('staff-quarter', '2018-Q1')).toThrow(EvaluationError);
    expect(() => ctx.evaluate('staff-quarter', '2018-Q1')).toThrow(
      /outside the rule set's range \(in force from 2018-06-01\)/,
    );
    // A period wholly in force says nothing about it.
    expect(ctx.evaluate('staff-quarter', '2018-Q3').results[0]?.explanation?.inForce).toBeUndefined();
  });

  it('kaohe evaluate runs the straddling year (exit 0, not 70)', () => {
    const { copy } = juneRules();
    const file = join(copy.root, 'facts.ndjson');
    writeFileSync(file, facts.map((f) => JSON.stringify({ ...f, recordedAt: undefined })).join('\n'));
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'kaohe.js'),
        'evaluate',
        '--kind',
        'staff-year',
        '--period',
        '2018',
        '--facts',
        file,
      ],
      { cwd: copy.root, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('staff:S001');
  });
});
