// GET /v1/verdicts/return-to-unit and POST /v1/verdicts over the example centre, on both stores:
// S007 meets A7.4.3 from 2018-10-01; asOf limits the facts; unknown staff is a 404.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getValidator } from '../../src/schemas/registry.js';
import { centreFacts, forEachStore, type Harness, harness, postAll } from './support.js';

forEachStore('verdicts', (kind) => {
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

  const verdict = (query: string) => h.http.get(`/v1/verdicts/return-to-unit?${query}`);
  const validVerdict = getValidator('verdict');

  it('answers the verdict with all six conditions, asOf and the rule set', async () => {
    const res = await verdict('staff=S007&date=2018-10-01');
    expect(res.status).toBe(200);
    expect(validVerdict(res.body), JSON.stringify(validVerdict.errors)).toBe(true);
    expect(Object.keys(res.body)).toEqual([
      'subject',
      'date',
      'asOf',
      'returnToUnit',
      'ruleset',
      'conditions',
    ]);
    expect(res.body).toMatchObject({
      subject: { kind: 'staff', id: 'S007' },
      date: '2018-10-01',
      asOf: h.clock.iso(),
      returnToUnit: true,
    });
    expect(res.body.conditions).toHaveLength(6);
    expect(res.body.conditions.find((c: { provision: string }) => c.provision === 'A7.4.3')?.met).toBe(true);
    const before = await verdict('staff=S007&date=2018-09-30');
    expect(before.body.returnToUnit).toBe(false);
  });

  it('counts only facts recorded by asOf', async () => {
    const atLoad = await verdict(`staff=S007&date=2018-10-01&asOf=${loadedAt}`);
    expect(atLoad.body).toMatchObject({ returnToUnit: true, asOf: loadedAt });
    // After the first batch (January 2018) S007 is known, but not the facts behind A7.4.3.
    const early = await verdict('staff=S007&date=2018-10-01&asOf=2020-01-01T00:00:00Z');
    expect(early.status).toBe(200);
    expect(early.body.returnToUnit).toBe(false);
    const nothing = await verdict('staff=S007&date=2018-10-01&asOf=2019-01-01T00:00:00%2B08:00');
    expect(nothing.status).toBe(404);
    expect(nothing.body.error.code).toBe('unknown-subject');
  });

  it('answers 404 for an unknown staff member or verdict', async () => {
    const res = await verdict('staff=S999&date=2018-10-01');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown-subject');
    const unknownVerdict = await h.http.get('/v1/verdicts/promotion?staff=S007&date=2018-10-01');
    expect(unknownVerdict.status).toBe(404);
  });

  it.each([
    ['date=2018-10-01', 'staff'],
    ['staff=S007', 'date'],
    ['staff=S007&date=2018-10-32', 'date'],
    ['staff=S007&date=2018-10-01&asOf=2018-10-01', 'asOf'],
    ['staff=S007&date=2018-10-01&staff=S008', 'staff'],
    ['staff[$gt]=&date=2018-10-01', 'staff[$gt]'],
    ['staff=%7B%22%24gt%22%3A%22%22%7D&date=2018-10-01', 'staff'],
    ['staff=S007&date=2018-10-01&window=W01', 'window'],
    ['staff=S007&date=2018-10-01&verbose=1', 'verbose'],
  ])('answers 400 naming the parameter: %s', async (query, parameter) => {
    const res = await verdict(query);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].parameter).toBe(parameter);
  });

  it('POST /v1/verdicts: a verdict over posted facts, stored nowhere', async () => {
    const s007 = centreFacts().filter(
      (f) => f.subject.id === 'S007' || f.type === 'roster.staff' || f.type === 'roster.window',
    );
    const res = await h.http
      .post('/v1/verdicts')
      .send({ kind: 'return-to-unit', staff: 'S007', date: '2018-10-01', facts: s007 });
    expect(res.status).toBe(200);
    expect(validVerdict(res.body), JSON.stringify(validVerdict.errors)).toBe(true);
    expect(res.body).not.toHaveProperty('asOf');
    expect(res.body.subject).toEqual({ kind: 'staff', id: 'S007' });
    expect(typeof res.body.returnToUnit).toBe('boolean');
    const page = await h.http.get('/v1/facts?limit=1&subject=staff:S007&asOf=2999-01-01T00:00:00Z');
    expect(page.body.facts[0].recordedAt <= loadedAt).toBe(true);
  });

  it('POST /v1/verdicts: an evaluation over posted facts (the evaluation shape less id and asOf)', async () => {
    const facts = centreFacts().filter((f) => f.occurredOn < '2018-04-01' || f.type.startsWith('roster.'));
    const res = await h.http.post('/v1/verdicts').send({ kind: 'staff-quarter', period: '2018-Q1', facts });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['factsDigest', 'kind', 'period', 'results', 'ruleset']);
    const stored = (await h.http.post('/v1/evaluations').send({ kind: 'staff-quarter', period: '2018-Q1' }))
      .body;
    expect(res.body.results.map((r: { score: number }) => r.score)).toEqual(
      stored.results.map((r: { score: number }) => r.score),
    );
  });

  it('POST /v1/verdicts: validates the facts like POST /v1/facts (422 with index, id, path)', async () => {
    const res = await h.http.post('/v1/verdicts').send({
      kind: 'staff-quarter',
      period: '2018-Q1',
      facts: [
        {
          id: 'v1',
          type: 'finding',
          subject: { kind: 'staff', id: 'S001' },
          occurredOn: '2018-02-30',
          data: { code: 'late' },
        },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ index: 0, id: 'v1', path: '/occurredOn' });
    const missing = await h.http
      .post('/v1/verdicts')
      .send({ kind: 'return-to-unit', date: '2018-10-01', facts: [] });
    expect(missing.status).toBe(400);
    const unknown = await h.http
      .post('/v1/verdicts')
      .send({ kind: 'return-to-unit', staff: 'S001', date: '2018-10-01', facts: [] });
    expect(unknown.status).toBe(404);
  });

  it('answers through Express like every route: JSON, request id, errors, HEAD, 405', async () => {
    for (const [query, status] of [
      ['staff=S007&date=2018-10-01', 200],
      ['staff=S999&date=2018-10-01', 404],
      ['staff=S007', 400],
      ['staff[$gt]=x&date=2018-10-01', 400],
    ] as const) {
      const res = await verdict(query);
      expect(res.status, query).toBe(status);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-request-id']).toBeDefined();
      if (status !== 200) expect(res.body.error.code, query).toEqual(expect.any(String));
    }
    const head = await h.http.head('/v1/verdicts/return-to-unit?staff=S007&date=2018-10-01');
    expect(head.status).toBe(200);
    expect((await h.http.get('/v1/verdicts/return-to-unit/?staff=S007&date=2018-10-01')).status).toBe(200);
    expect((await h.http.post('/v1/verdicts/return-to-unit').send({})).status).toBe(405);
    const logged = h.logger.lines.filter(
      (l) => l.msg === 'request' && String(l.path).startsWith('/v1/verdicts/return-to-unit'),
    );
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toMatchObject({
      method: 'GET',
      path: '/v1/verdicts/return-to-unit',
      status: expect.any(Number),
    });
  });

  it('serves repeated verdicts from one cached context until a new batch arrives', async () => {
    const builds = () => h.logger.lines.filter((l) => l.msg === 'evaluation context built').length;
    await verdict('staff=S001&date=2019-01-01');
    const before = builds();
    const answers = await Promise.all(
      ['S001', 'S002', 'S003', 'S004'].map((s) => verdict(`staff=${s}&date=2019-01-01`)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(builds()).toBe(before);
    h.clock.advance(1000);
    await h.http
      .post('/v1/facts')
      .send({
        id: 'new-1',
        type: 'finding',
        subject: { kind: 'staff', id: 'S001' },
        occurredOn: '2018-12-03',
        data: { code: 'late' },
      })
      .expect(200);
    h.clock.advance(1000);
    await Promise.all(['S001', 'S002'].map((s) => verdict(`staff=${s}&date=2019-01-01`)));
    expect(builds()).toBe(before + 1);
  });
});
