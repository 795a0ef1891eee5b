// Rule sets over HTTP on both stores: list, current, by hash, validate, publish, provisions; the
// version in force by effective date; a broken RULES_DIR keeps the last good version (SIGHUP path).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { shippedFiles, variantFiles } from './rules-edit.js';
import { forEachStore, type Harness, harness, RULES_DIR, testClock } from './support.js';

forEachStore('rulesets', (kind) => {
  let h: Harness;
  let rulesDir: string;
  const dirs: string[] = [];
  beforeEach(async () => {
    rulesDir = mkdtempSync(join(tmpdir(), 'kaohe-rules-'));
    dirs.push(rulesDir);
    cpSync(RULES_DIR, rulesDir, { recursive: true });
    h = await harness(kind, { rulesDir, clock: testClock('2018-06-01T00:00:00.000Z') });
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('publishes RULES_DIR at start and shows it as current, by hash and in the list', async () => {
    const list = (await h.http.get('/v1/rulesets').expect(200)).body.rulesets;
    expect(list).toHaveLength(1);
    expect(list[0]).toEqual({
      version: '2018.2',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      effective: { from: '2018-01-01' },
      publishedAt: '2018-06-01T00:00:00.000Z',
    });
    const current = (await h.http.get('/v1/rulesets/current').expect(200)).body;
    expect(current).toMatchObject({
      version: '2018.2',
      hash: list[0].hash,
      effective: { from: '2018-01-01' },
    });
    expect(Object.keys(current.parameters).length).toBeGreaterThan(10);
    expect(current.rules.length).toBeGreaterThan(10);
    expect((await h.http.get(`/v1/rulesets/${list[0].hash}`).expect(200)).body).toEqual(current);
    expect((await h.http.get(`/v1/rulesets/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await h.http.get('/v1/rulesets/not-a-hash')).status).toBe(400);
    // unchanged directory: nothing new
    const again = await h.service.publishDirectory();
    expect(again).toMatchObject({ published: false, hash: list[0].hash });
  });

  it('lists every provision with its text and the rules encoding it', async () => {
    const res = await h.http.get('/v1/provisions').expect(200);
    const provisions = res.body.provisions as { id: string; zh: string; en: string; rules: string[] }[];
    expect(provisions.length).toBeGreaterThan(20);
    for (const p of provisions) expect(p.zh.length * p.en.length).toBeGreaterThan(0);
    const a743 = provisions.find((p) => p.id === 'A7.4.3');
    expect(a743?.rules.length).toBeGreaterThan(0);
    expect((await h.http.get('/v1/provisions?ruleset=2018.2')).status).toBe(200);
    expect((await h.http.get('/v1/provisions?ruleset=nope')).status).toBe(404);
  });

  it('validates posted files with file:line:col errors, and publishes nothing when invalid', async () => {
    const ok = await h.http.post('/v1/rulesets/validate').send({ files: shippedFiles() });
    expect(ok.body).toEqual({ valid: true, errors: [] });
    const files = shippedFiles();
    files['parameters.yaml'] = (files['parameters.yaml'] as string).replace(
      'kind: parameters',
      'kind: parameters\nbogus: [',
    );
    const bad = await h.http.post('/v1/rulesets/validate').send({ files });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors[0]).toMatchObject({
      file: 'parameters.yaml',
      line: expect.any(Number),
      col: expect.any(Number),
      code: expect.any(String),
    });
    const publish = await h.http.post('/v1/rulesets').send({ files });
    expect(publish.status).toBe(422);
    expect(publish.body.error.details[0].file).toBe('parameters.yaml');
    expect((await h.http.get('/v1/rulesets')).body.rulesets).toHaveLength(1);
    for (const body of [
      {},
      { files: [] },
      { files: { '../x.yaml': 'a: 1' } },
      { files: { 'a.yaml': 3 } },
      { files: {} },
    ]) {
      expect((await h.http.post('/v1/rulesets/validate').send(body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('chooses the version in force by effective date, then by publishedAt', async () => {
    h.clock.advance(1000);
    const y2019 = await h.http
      .post('/v1/rulesets')
      .send({ files: variantFiles({ version: '2019.1', from: '2019-01-01', latePoints: 2 }) });
    expect(y2019.status).toBe(201);
    expect(y2019.body).toMatchObject({
      published: true,
      version: '2019.1',
      effective: { from: '2019-01-01' },
    });
    const same = await h.http
      .post('/v1/rulesets')
      .send({ files: variantFiles({ version: '2019.1', from: '2019-01-01', latePoints: 2 }) });
    expect(same.status).toBe(200);
    expect(same.body.published).toBe(false);
    const evaluate = (period: string) =>
      h.http
        .post('/v1/evaluations')
        .send({ kind: 'staff-quarter', period })
        .then((r) => r.body.ruleset.version);
    expect(await evaluate('2018-Q4')).toBe('2018.2');
    expect(await evaluate('2019-Q1')).toBe('2019.1');
    h.clock.advance(1000);
    await h.http
      .post('/v1/rulesets')
      .send({ files: variantFiles({ version: '2018.3', latePoints: 3 }) })
      .expect(201);
    expect(await evaluate('2018-Q4')).toBe('2018.3');
    expect(await evaluate('2019-Q1')).toBe('2019.1'); // a later effective.from wins over a later publishedAt
    expect((await h.http.get('/v1/rulesets/current')).body.version).toBe('2018.3'); // today is 2018-06-01
    expect(
      (await h.http.get('/v1/rulesets')).body.rulesets.map((r: { version: string }) => r.version),
    ).toEqual(['2018.2', '2019.1', '2018.3']);
  });

  it('keeps serving the last good version when RULES_DIR becomes broken (the SIGHUP path)', async () => {
    const before = (await h.http.get('/v1/rulesets/current')).body.hash;
    writeFileSync(join(rulesDir, 'parameters.yaml'), 'kind: parameters\nparameters: [\n');
    h.clock.advance(1000);
    const outcome = await h.service.publishDirectory();
    expect(outcome.published).toBe(false);
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(outcome.errors[0]?.file).toContain('parameters.yaml');
    const logged = h.logger.lines.find((l) => l.level === 'error' && String(l.msg).includes('not published'));
    expect(logged?.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/parameters\.yaml:\d+:\d+: /)]),
    );
    expect((await h.http.get('/v1/rulesets/current')).body.hash).toBe(before);
    expect((await h.http.get('/v1/rulesets')).body.rulesets).toHaveLength(1);
    // fixed again, with a change: published
    for (const [name, text] of Object.entries(variantFiles({ version: '2018.3', latePoints: 4 })))
      writeFileSync(join(rulesDir, name), text);
    const fixed = await h.service.publishDirectory();
    expect(fixed).toMatchObject({ published: true, version: '2018.3', errors: [] });
    expect((await h.http.get('/v1/rulesets/current')).body.version).toBe('2018.3');
  });
});
