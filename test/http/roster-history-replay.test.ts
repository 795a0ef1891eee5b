// Roster history is part of the rule-set version: an evaluation stored under a version without
// `history: dated` (the latest roster fact holds for all periods) replays identically after the
// version with it is published, and after a restart; new evaluations use the dated semantics.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import { shippedFiles } from './rules-edit.js';
import { forEachStore, type Harness, harness } from './support.js';

/** The shipped rules as they were before roster history: no `history`, windows without dates. */
function latestOnlyFiles(): Record<string, string> {
  const files = shippedFiles();
  const manifest = files['ruleset.yaml'] as string;
  const old = manifest
    .replace(/^version: "[^"]*"/m, 'version: "2018.1"')
    .replaceAll(', history: dated', '')
    .replace(', from: openedOn, to: closedOn', '');
  if (old === manifest || /history: \w+ *[,}]/.test(old)) throw new Error('ruleset.yaml changed shape');
  files['ruleset.yaml'] = old;
  return files;
}

const staff = (id: string, occurredOn: string, data: Record<string, unknown>): Fact => ({
  id: `roster-${id}-${occurredOn}`,
  type: 'roster.staff',
  subject: { kind: 'staff', id },
  occurredOn,
  data: { name: '测试人员', dispatchingUnit: '区行政审批服务局', joinedOn: '2017-06-01', ...data },
});

const FACTS: Fact[] = [
  ...['W01', 'W02'].map(
    (w): Fact => ({
      id: `roster-${w}`,
      type: 'roster.window',
      subject: { kind: 'window', id: w },
      occurredOn: '2018-01-01',
      data: { name: '测试窗口', department: '区行政审批服务局' },
    }),
  ),
  staff('S001', '2018-01-01', { window: 'W01' }),
  staff('S001', '2018-02-15', { window: 'W02' }), // a move mid-quarter
  staff('S002', '2018-01-01', { window: 'W01', category: 'civil-servant' }),
  staff('S002', '2019-01-05', { window: 'W01', category: 'contract' }), // after the 2018 year end
  {
    id: 'absent-0110',
    type: 'finding',
    subject: { kind: 'staff', id: 'S001' },
    occurredOn: '2018-01-10',
    data: { code: 'absent-from-post' },
  },
  {
    id: 'adj-S002',
    type: 'score-adjustment',
    subject: { kind: 'staff', id: 'S002' },
    occurredOn: '2018-12-20',
    data: { points: -10, reason: '年度特殊减分', year: 2018 },
  },
];

forEachStore('roster history and replays of older versions', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind);
    h.clock.advance(1000);
    // The service starts with the dated rules/; the older version is published after it but,
    // for the test, named explicitly in each evaluation request.
    expect((await h.http.post('/v1/rulesets').send({ files: latestOnlyFiles() })).status).toBe(201);
    h.clock.advance(1000);
    expect((await h.http.post('/v1/facts').send({ facts: FACTS })).status).toBe(200);
    h.clock.advance(1000);
  });
  afterAll(async () => {
    await h.close();
  });

  const evaluate = (kindName: string, period: string, ruleset: string) =>
    h.http.post('/v1/evaluations').send({ kind: kindName, period, ruleset });
  const scores = (body: {
    results: { subject: { id: string }; score: number; tier?: { label: string } }[];
  }) =>
    Object.fromEntries(body.results.map((r) => [r.subject.id, r.tier ? [r.score, r.tier.label] : r.score]));

  it('the two versions disagree on a move and a category change; each evaluation replays identically', async () => {
    const oldQ1 = (await evaluate('window-quarter', '2018-Q1', '2018.1')).body;
    const newQ1 = (await evaluate('window-quarter', '2018-Q1', '2018.2')).body;
    expect(oldQ1.ruleset.version).toBe('2018.1');
    expect(newQ1.ruleset.version).toBe('2018.2');
    // latest: the January absence follows S001 to W02; dated: it stays with W01
    expect(scores(oldQ1)).toEqual({ W01: [100, '优秀窗口'], W02: [99, '优秀窗口'] });
    expect(scores(newQ1)).toEqual({ W01: [99, '优秀窗口'], W02: [100, '优秀窗口'] });
    const oldYear = (await evaluate('staff-year', '2018', '2018.1')).body;
    const newYear = (await evaluate('staff-year', '2018', '2018.2')).body;
    expect(scores(oldYear).S002).toEqual([90, '合格']); // the 2019 category, backwards
    expect(scores(newYear).S002).toEqual([90, '称职']); // the category on 31 December 2018
    expect(
      newYear.results.find((r: { subject: { id: string } }) => r.subject.id === 'S002').explanation,
    ).toMatchObject({ rosterFact: 'roster-S002-2018-01-01' });
    expect(oldYear.results[0].explanation).not.toHaveProperty('rosterFact');

    for (const e of [oldQ1, newQ1, oldYear, newYear])
      expect((await h.http.post(`/v1/evaluations/${e.id}/replay`)).body).toEqual({
        identical: true,
        differences: [],
      });
    const restarted = await h.restart();
    for (const e of [oldQ1, oldYear])
      expect((await restarted.http.post(`/v1/evaluations/${e.id}/replay`)).body).toEqual({
        identical: true,
        differences: [],
      });
    await restarted.close();
  });
});
