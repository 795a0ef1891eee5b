// The "done when": a revision made only inside a copy of rules/ (a new staff finding code
// under A5.1.6 costing 2, late 2 and absent-from-post 3, a bottom group of 5, excellent from 90, and
// three circulated criticisms within a year for A7.4.4, all from 2019-01-01) gives the results those
// measures mean, through `kaohe evaluate/verdict --rules DIR` and through the service with that
// directory as RULES_DIR; no file outside the copy changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import { centreFacts, finding, forEachStore, type Harness, harness, postAll, ROOT } from '../http/support.js';
import { ensureBuilt } from '../loader/helpers.js';
import { workedRevision } from './revise.js';

/** The centre, plus S001 streaming videos twice in 2019-Q1 and a third criticism of S025. */
function facts(): Fact[] {
  return [
    ...centreFacts(),
    finding('vs-1', 'S001', '2019-02-11', 'video-streaming'),
    finding('vs-2', 'S001', '2019-03-04', 'video-streaming'),
    {
      id: 'cc-3',
      type: 'circulated-criticism',
      subject: { kind: 'staff', id: 'S025' },
      occurredOn: '2019-05-10',
      data: { organ: '区纪委监委' },
    },
  ];
}

function digestOf(dir: string): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest('hex');
}

type Item = { code?: string; points?: number; count?: number; parameters?: Record<string, unknown> };
type Result = {
  subject: { id: string };
  score: number;
  bottomGroup?: boolean;
  tier?: { id: string; decided: boolean };
  items: Item[];
};

/** What the revised measures mean, checked on any evaluation's results. */
function expectQuarter(results: Result[]) {
  const s001 = results.find((r) => r.subject.id === 'S001') as Result;
  expect(s001.items).toContainEqual(
    expect.objectContaining({ code: 'video-streaming', points: -4, count: 2 }),
  );
  for (const r of results)
    for (const i of r.items) {
      if (i.code === 'late') expect(i.points).toBe(-2 * (i.count as number));
      if (i.code === 'absent-from-post') expect(i.points).toBe(-3 * (i.count as number));
    }
  const scores = results.map((r) => r.score).sort((a, b) => a - b);
  const cut = scores[4] as number;
  const bottom = results
    .filter((r) => r.bottomGroup)
    .map((r) => r.subject.id)
    .sort();
  expect(bottom).toEqual(
    results
      .filter((r) => r.score <= cut && r.score < 100)
      .map((r) => r.subject.id)
      .sort(),
  );
  expect(bottom.length).toBeGreaterThanOrEqual(5);
}

function expectYear(results: Result[]) {
  const excellent = results.filter((r) => !r.tier?.decided && r.score >= 90);
  expect(
    excellent.some((r) => r.score < 95),
    'some staff score 90–95 in 2019',
  ).toBe(true);
  for (const r of results)
    if (!r.tier?.decided) expect(r.tier?.id === 'excellent', r.subject.id).toBe(r.score >= 90);
}

const criticism = (v: { conditions: { provision: string; met: boolean }[] }) =>
  v.conditions.find((c) => c.provision === 'A7.4.4')?.met;

let root: string;
let dir: string;
let factsFile: string;
let centreFile: string;
let before: string[];
beforeAll(() => {
  ensureBuilt();
  before = [digestOf(join(ROOT, 'rules')), digestOf(join(ROOT, 'schemas'))];
  root = mkdtempSync(join(tmpdir(), 'kaohe-revision-'));
  dir = join(root, 'rules-2019');
  mkdirSync(dir);
  for (const [path, text] of Object.entries(workedRevision())) writeFileSync(join(dir, path), text);
  factsFile = join(root, 'facts.ndjson');
  writeFileSync(
    factsFile,
    `${facts()
      .map((f) => JSON.stringify(f))
      .join('\n')}\n`,
  );
  // the shipped rules refuse the new code, as the service would: compare with them on the centre alone
  centreFile = join(root, 'centre.ndjson');
  writeFileSync(
    centreFile,
    `${centreFacts()
      .map((f) => JSON.stringify(f))
      .join('\n')}\n`,
  );
});
afterAll(() => {
  expect(
    [digestOf(join(ROOT, 'rules')), digestOf(join(ROOT, 'schemas'))],
    'nothing outside the copy changed',
  ).toEqual(before);
  rmSync(root, { recursive: true, force: true });
});

describe('through the command line, --rules DIR', () => {
  const kaohe = (...args: string[]) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'kaohe.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  };

  it('evaluates the 2019 quarter and year with the new values, and keeps 2018', () => {
    expectQuarter(
      kaohe(
        'evaluate',
        '--rules',
        dir,
        '--kind',
        'staff-quarter',
        '--period',
        '2019-Q1',
        '--facts',
        factsFile,
        '--format',
        'json',
      ).results,
    );
    expectYear(
      kaohe(
        'evaluate',
        '--rules',
        dir,
        '--kind',
        'staff-year',
        '--period',
        '2019',
        '--facts',
        factsFile,
        '--format',
        'json',
      ).results,
    );
    const q3 = kaohe(
      'evaluate',
      '--rules',
      dir,
      '--kind',
      'staff-quarter',
      '--period',
      '2018-Q3',
      '--facts',
      centreFile,
      '--format',
      'json',
    );
    const shipped = kaohe(
      'evaluate',
      '--kind',
      'staff-quarter',
      '--period',
      '2018-Q3',
      '--facts',
      centreFile,
      '--format',
      'json',
      '--rules',
      join(ROOT, 'rules'),
    );
    expect(q3.results).toEqual(shipped.results);
  }, 240_000);

  it('needs three circulated criticisms within a year for A7.4.4 from 2019', () => {
    const verdict = (date: string, rules = dir, file = factsFile) =>
      kaohe(
        'verdict',
        '--rules',
        rules,
        '--staff',
        'S025',
        '--date',
        date,
        '--facts',
        file,
        '--format',
        'json',
      );
    expect(criticism(verdict('2019-03-21', join(ROOT, 'rules'), centreFile))).toBe(true);
    expect(criticism(verdict('2019-03-21'))).toBe(false);
    expect(criticism(verdict('2019-05-11'))).toBe(true);
  }, 240_000);
});

describe('kaohe compare', () => {
  it('shows what the revision would change, in the shape of the impact report', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'kaohe.js'),
        'compare',
        '--revision',
        dir,
        '--rules',
        join(ROOT, 'rules'),
        '--kind',
        'staff-quarter',
        '--period',
        '2019-Q1',
        '--facts',
        centreFile,
        '--format',
        'json',
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(1); // 1: the revision changes something
    const report = JSON.parse(run.stdout);
    expect(report.revision.version).toBe('2019.1');
    const late = report.changes.find(
      (c: { parameters: Record<string, unknown> }) => c.parameters['points.finding.late'],
    );
    expect(late.parameters['points.finding.late']).toEqual({ current: 1, revision: 2 });
    expect(late.provisions).toContain('A5.1.1');
    expect(late.fields.score.revision).toBeLessThan(late.fields.score.current);
  }, 240_000);
});

forEachStore('through the service, RULES_DIR=DIR', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind, { rulesDir: dir });
    await postAll(h, facts());
    h.clock.advance(60_000);
  });
  afterAll(async () => {
    await h.close();
  });

  it('publishes the copy and answers with the revised measures', async () => {
    expect((await h.http.get('/v1/rulesets/current')).body.version).toBe('2019.1');
    const quarter = await h.http
      .post('/v1/evaluations')
      .send({ kind: 'staff-quarter', period: '2019-Q1' })
      .expect(201);
    expectQuarter(quarter.body.results);
    const year = await h.http
      .post('/v1/evaluations')
      .send({ kind: 'staff-year', period: '2019' })
      .expect(201);
    expectYear(year.body.results);
    const verdict = async (date: string) =>
      (await h.http.get(`/v1/verdicts/return-to-unit?staff=S025&date=${date}`).expect(200)).body;
    expect(criticism(await verdict('2019-03-21'))).toBe(false);
    expect(criticism(await verdict('2019-05-11'))).toBe(true);
    const codes = (await h.http.get('/openapi.json')).body.components.schemas['fact.findingCode'].enum;
    expect(codes).toContain('video-streaming');
  }, 240_000);
});
