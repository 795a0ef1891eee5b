// Stored evaluations and their replay, over the example centre, on both stores: identical after
// later facts, retractions, new rule-set versions and a restart; different when the record is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getValidator } from '../../src/schemas/registry.js';
import { variantFiles } from './rules-edit.js';
import { centreFacts, finding, forEachStore, type Harness, harness, postAll } from './support.js';

forEachStore('evaluations', (kind) => {
  let h: Harness;
  let loadedAt: string;
  beforeAll(async () => {
    h = await harness(kind);
    await postAll(h, centreFacts());
    loadedAt = h.clock.iso();
    h.clock.advance(60_000);
  });
  afterAll(async () => {
    await h.close();
  });

  const evaluate = (body: object) => h.http.post('/v1/evaluations').send(body);
  const replay = (id: string) => h.http.post(`/v1/evaluations/${id}/replay`);
  const schema = getValidator('evaluation');
  const validEvaluation = schema;

  it('stores an evaluation (201, Location, the contract shape) and answers it by id and by kind/period', async () => {
    const res = await evaluate({ kind: 'staff-quarter', period: '2018-Q3' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/evaluations/${res.body.id}`);
    expect(validEvaluation(res.body), JSON.stringify(validEvaluation.errors)).toBe(true);
    expect(res.body).toMatchObject({ kind: 'staff-quarter', period: '2018-Q3', asOf: h.clock.iso() });
    expect(res.body.id).toMatch(/^ev-/);
    expect(res.body.results.length).toBeGreaterThan(40);
    expect(res.body.results[0]).toHaveProperty('rank');
    const current = (await h.http.get('/v1/rulesets/current')).body;
    expect(res.body.ruleset).toEqual({ version: current.version, hash: current.hash });

    expect((await h.http.get(`/v1/evaluations/${res.body.id}`)).body).toEqual(res.body);
    const listed = (await h.http.get('/v1/evaluations?kind=staff-quarter&period=2018-Q3')).body.evaluations;
    expect(listed.map((e: { id: string }) => e.id)).toContain(res.body.id);
    expect((await h.http.get('/v1/evaluations?kind=staff-year')).body.evaluations).toEqual([]);
    expect((await replay(res.body.id)).body).toEqual({ identical: true, differences: [] });
  });

  it('replays identically after later facts, a retraction and a new rule-set version; new evaluations differ', async () => {
    h.clock.advance(1000);
    const old = (await evaluate({ kind: 'staff-quarter', period: '2018-Q3' })).body;
    const s007 = (e: { results: { subject: { id: string }; score: number }[] }) =>
      e.results.find((r) => r.subject.id === 'S007')?.score;
    h.clock.advance(1000);

    // later facts: S007 is late twice more in 2018-Q3
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('late-1', 'S007', '2018-08-01'), finding('late-2', 'S007', '2018-08-02')] })
      .expect(200);
    h.clock.advance(1000);
    const afterFacts = (await evaluate({ kind: 'staff-quarter', period: '2018-Q3' })).body;
    expect(s007(afterFacts)).toBe((s007(old) as number) - 2);
    expect(afterFacts.factsDigest).not.toBe(old.factsDigest);

    // a retraction of one of them
    h.clock.advance(1000);
    await h.http
      .post('/v1/facts')
      .send({
        id: 'x-late-1',
        type: 'retraction',
        subject: { kind: 'staff', id: 'S007' },
        occurredOn: '2018-08-03',
        data: { retracts: 'late-1', reason: 'clock fault' },
      })
      .expect(200);
    h.clock.advance(1000);
    const afterRetraction = (await evaluate({ kind: 'staff-quarter', period: '2018-Q3' })).body;
    expect(s007(afterRetraction)).toBe((s007(old) as number) - 1);

    // a new rule-set version (late costs 3 points)
    h.clock.advance(1000);
    const published = await h.http
      .post('/v1/rulesets')
      .send({ files: variantFiles({ version: '2018.9-test', latePoints: 3 }) });
    expect(published.status).toBe(201);
    h.clock.advance(1000);
    const afterVersion = (await evaluate({ kind: 'staff-quarter', period: '2018-Q3' })).body;
    expect(afterVersion.ruleset.hash).toBe(published.body.hash);
    expect(s007(afterVersion)).toBeLessThan(s007(afterRetraction) as number);

    for (const e of [old, afterFacts, afterRetraction, afterVersion]) {
      expect((await replay(e.id)).body, e.id).toEqual({ identical: true, differences: [] });
    }
    // an evaluation may name an older version
    const named = (await evaluate({ kind: 'staff-quarter', period: '2018-Q3', ruleset: old.ruleset.hash }))
      .body;
    expect(named.ruleset).toEqual(old.ruleset);
    expect(s007(named)).toBe(s007(afterRetraction));
    const byVersion = await evaluate({
      kind: 'staff-quarter',
      period: '2018-Q3',
      ruleset: old.ruleset.version,
    });
    expect(byVersion.body.ruleset).toEqual(old.ruleset);

    // a restart: the store is the only memory
    h = await h.restart();
    for (const e of [old, afterFacts, afterRetraction, afterVersion]) {
      expect((await replay(e.id)).body, `${e.id} after restart`).toEqual({
        identical: true,
        differences: [],
      });
    }
  });

  it('logs how long each context build took', () => {
    const builds = h.logger.lines.filter((l) => l.msg === 'evaluation context built');
    console.info(
      `[${kind.name}] context builds (ms):`,
      builds.map((b) => `${b.facts} facts ${b.ms}`).join(', '),
    );
    expect(builds.length).toBeGreaterThan(0);
  });

  it('counts only facts recorded by asOf', async () => {
    const before = await evaluate({ kind: 'staff-quarter', period: '2018-Q3', asOf: '2019-12-31T00:00:00Z' });
    expect(before.status).toBe(201);
    expect(before.body.results).toEqual([]);
    const atLoad = await evaluate({ kind: 'staff-quarter', period: '2018-Q3', asOf: loadedAt });
    expect(atLoad.body.asOf).toBe(loadedAt);
    expect(atLoad.body.results.length).toBeGreaterThan(40);
    expect((await replay(atLoad.body.id)).body.identical).toBe(true);
  });

  it('reports differences as JSON pointers when a record does not match its replay', async () => {
    const original = (await evaluate({ kind: 'staff-quarter', period: '2018-Q2' })).body;
    const forged = structuredClone(original);
    forged.id = `${original.id}-forged`;
    forged.results[2].score += 1;
    forged.factsDigest = 'sha256:forged';
    await h.store.putEvaluation({ ...forged, createdAt: h.clock.iso() });
    const res = await replay(forged.id);
    expect(res.body.identical).toBe(false);
    expect(res.body.differences).toEqual([
      { path: '/factsDigest', recorded: 'sha256:forged', replayed: original.factsDigest },
      {
        path: '/results/2/score',
        recorded: original.results[2].score + 1,
        replayed: original.results[2].score,
      },
    ]);
  });

  describe('bad requests', () => {
    it.each([
      [{ kind: 'staff-quarter' }, 400, 'invalid-body'],
      [{ kind: 'staff-quarter', period: '2018-Q3', extra: 1 }, 400, 'invalid-body'],
      [{ kind: 'no-such-kind', period: '2018-Q3' }, 400, 'unknown-kind'],
      [{ kind: 'staff-quarter', period: '2018' }, 400, 'invalid-period'],
      [{ kind: 'staff-quarter', period: '2018-Q5' }, 400, 'invalid-body'],
      [{ kind: 'staff-quarter', period: '2018-Q3', asOf: 'now' }, 400, 'invalid-body'],
      [{ kind: 'staff-quarter', period: '2018-Q3', asOf: '2999-01-01T00:00:00Z' }, 400, 'asof-in-future'],
      [{ kind: 'staff-quarter', period: '2018-Q3', ruleset: 'no-such-version' }, 404, 'ruleset-not-found'],
      [{ kind: 'staff-quarter', period: '2017-Q3' }, 422, 'no-ruleset-in-force'],
      [{ kind: { $ne: null }, period: '2018-Q3' }, 400, 'operator-key'],
      [[{ kind: 'staff-quarter', period: '2018-Q3' }], 400, 'invalid-body'],
    ])('%j → %i %s', async (body, status, code) => {
      const res = await evaluate(body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    });

    it('answers 404 for an unknown evaluation, to GET and to replay', async () => {
      expect((await h.http.get('/v1/evaluations/ev-nope')).status).toBe(404);
      expect((await replay('ev-nope')).status).toBe(404);
      expect((await h.http.get('/v1/evaluations?kind=staff-quarter&period=2018-Q9')).status).toBe(400);
      expect((await h.http.get('/v1/evaluations?kind[$ne]=x')).status).toBe(400);
    });
  });
});
