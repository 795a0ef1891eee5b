// The worked revision's shape: a copy of rules/ still effective from 2018-01-01 adds a finding code
// whose points start on 2019-01-01. A finding with that code dated 2018 cannot be priced, so ingest
// (HTTP and the CLI's facts files) refuses it naming data.code, and a stored one makes the
// evaluation answer a clear 422 / exit 1 naming the fact, never an internal error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationError } from '../../src/engine/context.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { Fact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { centreFacts, finding, forEachStore, type Harness, harness, postAll, ROOT } from '../http/support.js';
import { ensureBuilt } from '../loader/helpers.js';
import { addCode, type Files, setVersion, shippedFiles, VIDEO_STREAMING } from './revise.js';

/** The copy of rules/ with video-streaming priced from `from` (effective.from stays 2018-01-01). */
function revision(version: string, from: string): Files {
  const files = shippedFiles();
  setVersion(files, version);
  addCode(files, { ...VIDEO_STREAMING, points: { [from]: 2 } });
  return files;
}

const rosters = (): Fact[] => centreFacts().filter((f) => f.type.startsWith('roster.'));
const NO_POINTS = 'finding code video-streaming has no points before 2019-01-01 in rule set 2019.1';

describe('kaohe evaluate over a copy of rules/ with a code priced from 2019', () => {
  let root: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'kaohe.js'), ...args], { cwd: root, encoding: 'utf8' });
  const factsFile = (facts: Fact[]) => {
    const path = join(root, `facts-${Math.random().toString(36).slice(2)}.ndjson`);
    writeFileSync(path, facts.map((f) => JSON.stringify(f)).join('\n'));
    return path;
  };
  beforeAll(() => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'kaohe-priced-'));
    for (const [path, text] of Object.entries(revision('2019.1', '2019-01-01'))) {
      mkdirSync(dirname(join(root, 'rules-2019', path)), { recursive: true });
      writeFileSync(join(root, 'rules-2019', path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lints the copy as valid and notes the days the code has no points', () => {
    const lint = run('lint', 'rules-2019');
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stdout).toContain('ok — dongying-centre-measures version 2019.1');
    expect(lint.stderr).toContain('video-streaming has no points from 2018-01-01 until 2019-01-01');
    const json = run('lint', 'rules-2019', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: true,
      notes: [expect.stringContaining('video-streaming')],
    });
    expect(run('lint', join(ROOT, 'rules')).stderr).not.toContain('note:');
  });

  it('refuses a 2018 finding with the code (exit 1, the fact and data.code named), evaluates a 2019 one', () => {
    const early = run(
      'evaluate',
      '--rules',
      'rules-2019',
      '--kind',
      'staff-quarter',
      '--period',
      '2018-Q1',
      '--facts',
      factsFile([...rosters(), finding('vs-2018', 'S001', '2018-02-01', 'video-streaming')]),
    );
    expect(early.status).toBe(1);
    expect(early.stderr).toContain(`fact vs-2018: data.code: ${NO_POINTS} (in force on 2018-02-01)`);
    expect(early.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(early.stdout).toBe('');

    const later = run(
      'evaluate',
      '--rules',
      'rules-2019',
      '--kind',
      'staff-quarter',
      '--period',
      '2019-Q1',
      '--format',
      'json',
      '--facts',
      factsFile([...rosters(), finding('vs-2019', 'S001', '2019-02-01', 'video-streaming')]),
    );
    expect(later.status, later.stderr).toBe(0);
    const s001 = JSON.parse(later.stdout).results.find(
      (r: { subject: { id: string } }) => r.subject.id === 'S001',
    );
    expect(s001.items).toContainEqual(
      expect.objectContaining({ code: 'video-streaming', points: -2, factIds: ['vs-2019'] }),
    );
  });

  it('the engine answers a fact it cannot price with an EvaluationError naming fact, code and date', async () => {
    const files = revision('2019.1', '2019-01-01');
    const { ruleSet } = loadRuleSet({
      displayDir: 'rules-2019',
      files: Object.entries(files).map(([path, text]) => ({ path, text })),
    });
    if (!ruleSet) throw new Error('the revision does not load');
    const facts = [...rosters(), finding('vs-2018', 'S001', '2018-02-01', 'video-streaming')].map((f) => ({
      ...f,
      recordedAt: '2020-01-01T00:00:00.000Z',
    }));
    const ctx = await new Evaluator(ruleSet).context(facts);
    let thrown: unknown;
    try {
      ctx.evaluate('staff-quarter', '2018-Q1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EvaluationError);
    expect((thrown as EvaluationError).code).toBe('unpriced-fact');
    expect((thrown as Error).message).toContain(
      'fact vs-2018 (finding code video-streaming) on 2018-02-01 has no points in rule set 2019.1',
    );
  });
});

forEachStore('a code priced from 2019 in a version effective from 2018', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind);
    await postAll(h, rosters());
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a 2018 finding at ingest (422, data.code, nothing stored); a stored one evaluates to a 422', async () => {
    // a first draft priced the code from 2018, and a finding was stored under it
    await h.http
      .post('/v1/rulesets')
      .send({ files: revision('2019.0', '2018-01-01') })
      .expect(201);
    h.clock.advance(1000);
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('vs-stored', 'S001', '2018-02-01', 'video-streaming')] })
      .expect(200);
    h.clock.advance(1000);
    // the impact of a draft that prices it from 2019 only names the stored finding it cannot price
    const impact = await h.http
      .post('/v1/rulesets/impact')
      .send({ files: revision('2019.1', '2019-01-01'), from: '2018-01-01', to: '2018-03-31' });
    expect(impact.status, JSON.stringify(impact.body).slice(0, 300)).toBe(422);
    expect(impact.body.error.details).toEqual([expect.objectContaining({ factId: 'vs-stored' })]);
    // the corrected version prices it from 2019 only
    await h.http
      .post('/v1/rulesets')
      .send({ files: revision('2019.1', '2019-01-01') })
      .expect(201);
    h.clock.advance(1000);

    const refused = await h.http.post('/v1/facts').send({
      facts: [
        finding('late-ok', 'S001', '2018-03-01'),
        finding('vs-2018', 'S001', '2018-02-02', 'video-streaming'),
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        index: 1,
        id: 'vs-2018',
        path: '/data/code',
        message: expect.stringContaining(`data.code: ${NO_POINTS} (in force on 2018-02-02)`),
      }),
    ]);
    const stored = (await h.http.get('/v1/facts?subject=staff:S001&type=finding')).body.facts.map(
      (f: { id: string }) => f.id,
    );
    expect(stored).toContain('vs-stored');
    expect(stored).not.toContain('late-ok');
    expect(stored).not.toContain('vs-2018');

    const evaluation = await h.http
      .post('/v1/evaluations')
      .send({ kind: 'staff-quarter', period: '2018-Q1' });
    expect(evaluation.status, JSON.stringify(evaluation.body)).toBe(422);
    expect(evaluation.body.error.code).toBe('unpriced-fact');
    expect(evaluation.body.error.details).toEqual([expect.objectContaining({ factId: 'vs-stored' })]);
    expect(evaluation.body.error.message).toContain(
      'fact vs-stored (finding code video-streaming) on 2018-02-01 has no points in rule set 2019.1',
    );
    await h.http.post('/v1/evaluations').send({ kind: 'staff-quarter', period: '2019-Q1' }).expect(201);
  }, 120_000);
});
