// A published version stays as published, on both stores: publish v1, publish v2 (a new finding
// code and a repriced one, from 2019), ship a contract under which v1's files no longer load, and
// restart. v1's evaluations replay identically and verdicts for v1's dates do not move.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { schemaDirectory, useSchemaDirectory } from '../../src/schemas/registry.js';
import { centreFacts, finding, forEachStore, type Harness, harness, postAll } from '../http/support.js';
import { addCode, addValue, type Files, setVersion, shippedFiles, VIDEO_STREAMING } from './revise.js';

function v2Files(): Files {
  const files = shippedFiles();
  setVersion(files, '2019.1', '2019-01-01');
  addCode(files, { ...VIDEO_STREAMING, points: { '2018-01-01': 2 } });
  addValue(files, 'points.finding.late', '2019-01-01', 2);
  return files;
}

/** A later release's contract: the manifest schema now requires a field v1's ruleset.yaml lacks. */
function laterContract(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-contract-'));
  cpSync(schemaDirectory(), dir, { recursive: true });
  const path = join(dir, 'ruleset.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  schema.required = [...schema.required, 'centreCode'];
  schema.properties.centreCode = { type: 'string' };
  writeFileSync(path, JSON.stringify(schema));
  return dir;
}

forEachStore('upgrade: published versions load as published', (kind) => {
  let h: Harness;
  let contract: string | undefined;
  beforeAll(async () => {
    h = await harness(kind);
    await postAll(h, centreFacts());
    h.clock.advance(60_000);
  });
  afterAll(async () => {
    useSchemaDirectory(undefined);
    if (contract) rmSync(contract, { recursive: true, force: true });
    await h.close();
  });

  const verdict = async (staff: string, date: string) => {
    const res = await h.http.get(`/v1/verdicts/return-to-unit?staff=${staff}&date=${date}`).expect(200);
    const { asOf: _asOf, ...body } = res.body;
    return body;
  };

  it('replays v1 identically and keeps its verdicts after v2 and a contract change', async () => {
    const v1Evaluations: string[] = [];
    for (const [k, period] of [
      ['staff-quarter', '2018-Q3'],
      ['staff-year', '2018'],
      ['window-quarter', '2018-Q2'],
    ] as const) {
      const res = await h.http.post('/v1/evaluations').send({ kind: k, period }).expect(201);
      expect(res.body.ruleset.version).toBe('2018.2');
      v1Evaluations.push(res.body.id);
    }
    const before = [await verdict('S007', '2018-10-01'), await verdict('S025', '2018-12-31')];
    expect(before[0].returnToUnit).toBe(true);

    h.clock.advance(1000);
    const published = await h.http.post('/v1/rulesets').send({ files: v2Files() });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    h.clock.advance(1000);
    // v2's code is accepted on its dates and refused before them (v1 is in force then)
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('vs-2019', 'S001', '2019-02-01', 'video-streaming')] })
      .expect(200);
    const early = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('vs-2018', 'S001', '2018-02-01', 'video-streaming')] })
      .expect(422);
    expect(early.body.error.details[0]).toMatchObject({
      path: '/data/code',
      message: expect.stringContaining('is not a finding code of rule set 2018.2 (in force on 2018-02-01)'),
    });
    h.clock.advance(1000);

    contract = laterContract();
    useSchemaDirectory(contract);
    const v1Files = shippedFiles();
    const reloaded = loadRuleSet({
      displayDir: 'v1',
      files: Object.entries(v1Files).map(([path, text]) => ({ path, text })),
    });
    expect(reloaded.ruleSet, 'the later contract refuses v1’s files').toBeNull();

    h = await h.restart();
    for (const id of v1Evaluations)
      expect((await h.http.post(`/v1/evaluations/${id}/replay`)).body, id).toEqual({
        identical: true,
        differences: [],
      });
    expect([await verdict('S007', '2018-10-01'), await verdict('S025', '2018-12-31')]).toEqual(before);
    const q1 = await h.http
      .post('/v1/evaluations')
      .send({ kind: 'staff-quarter', period: '2019-Q1' })
      .expect(201);
    expect(q1.body.ruleset.version).toBe('2019.1');
    const s001 = q1.body.results.find((r: { subject: { id: string } }) => r.subject.id === 'S001');
    expect(s001.items).toContainEqual(
      expect.objectContaining({ code: 'video-streaming', points: -2, factIds: ['vs-2019'] }),
    );
  }, 240_000); // the example centre on FerretDB, on a machine shared by many test runs
});
