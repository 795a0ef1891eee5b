// POST /v1/facts and GET /v1/facts on both stores: atomic batches, idempotency, conflicts,
// retractions, asOf, paging, strict query parameters and JSON-only bodies.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getValidator } from '../../src/schemas/registry.js';
import { finding, forEachStore, type Harness, harness } from './support.js';

forEachStore('facts', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const ids = (body: { facts: { id: string }[] }) => body.facts.map((f) => f.id);

  it('stores one fact or a batch and answers stored/duplicates with the recordedAt of the batch', async () => {
    const one = await h.http.post('/v1/facts').send(finding('f1', 'S001', '2018-03-01'));
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ stored: 1, duplicates: 0, recordedAt: '2020-01-01T00:00:00.000Z' });
    h.clock.advance(1000);
    const batch = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('f2', 'S001', '2018-03-02'), finding('f3', 'S002', '2018-03-02')] });
    expect(batch.body).toMatchObject({ stored: 2, duplicates: 0, recordedAt: '2020-01-01T00:00:01.000Z' });
    const page = await h.http.get('/v1/facts');
    expect(page.status).toBe(200);
    expect(ids(page.body)).toEqual(['f1', 'f2', 'f3']);
    expect(page.body.facts[0]).toEqual({
      ...finding('f1', 'S001', '2018-03-01'),
      recordedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(page.body.next).toBeNull();
  });

  it('rejects a batch with one bad fact, stores nothing, and names index, id and field (422)', async () => {
    const bad = { ...finding('b2', 'S001', '2018-03-01'), data: { code: 'no-such-code' } };
    const res = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('b1', 'S001', '2018-03-01'), bad, finding('b3', 'S001', '2018-03-01')] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-facts');
    expect(res.body.error.details).toHaveLength(1);
    expect(res.body.error.details[0]).toMatchObject({ index: 1, id: 'b2', path: '/data/code' });
    expect(res.body.error.details[0].message).toContain('code');
    expect(getValidator('error')(res.body)).toBe(true);
    expect((await h.http.get('/v1/facts')).body.facts).toEqual([]);
  });

  it('rejects a fact that carries recordedAt, and one id with two contents in a batch (422)', async () => {
    const withRecordedAt = { ...finding('r1', 'S001', '2018-03-01'), recordedAt: '2018-03-01T00:00:00Z' };
    const res = await h.http.post('/v1/facts').send(withRecordedAt);
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ index: 0, id: 'r1' });
    const twice = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('t1', 'S001', '2018-03-01'), finding('t1', 'S001', '2018-03-01', 'smoking')] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details[0]).toMatchObject({ index: 1, id: 't1', path: '/id' });
  });

  it('counts identical re-posts as duplicates, within a batch and across batches', async () => {
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('d1', 'S001', '2018-03-01'), finding('d2', 'S001', '2018-03-01')] });
    h.clock.advance(1000);
    const again = await h.http.post('/v1/facts').send({
      facts: [
        finding('d1', 'S001', '2018-03-01'),
        finding('d2', 'S001', '2018-03-01'),
        finding('d3', 'S001', '2018-03-01'),
        finding('d3', 'S001', '2018-03-01'),
      ],
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 1, duplicates: 3 });
    expect(ids((await h.http.get('/v1/facts')).body)).toEqual(['d1', 'd2', 'd3']);
  });

  it('answers 409 naming the id when an id is stored with other content, and stores nothing', async () => {
    await h.http.post('/v1/facts').send(finding('c1', 'S001', '2018-03-01', 'late'));
    h.clock.advance(1000);
    const res = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('c0', 'S001', '2018-03-01'), finding('c1', 'S001', '2018-03-01', 'smoking')] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('fact-conflict');
    expect(res.body.error.message).toContain('c1');
    expect(res.body.error.details).toEqual([{ id: 'c1', message: expect.stringContaining('c1') }]);
    expect(ids((await h.http.get('/v1/facts')).body)).toEqual(['c1']);
  });

  it('answers 422 for a retraction of an unknown fact, and hides retracted facts from the retraction on', async () => {
    const unknown = await h.http.post('/v1/facts').send({
      id: 'x0',
      type: 'retraction',
      subject: { kind: 'staff', id: 'S001' },
      occurredOn: '2018-03-02',
      data: { retracts: 'nope', reason: 'typo' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({
      code: 'retraction-target',
      details: [{ index: 0, id: 'x0', path: '/data/retracts' }],
    });

    const first = await h.http
      .post('/v1/facts')
      .send({ facts: [finding('r1', 'S001', '2018-03-01'), finding('r2', 'S001', '2018-03-01')] });
    h.clock.advance(60_000);
    const retraction = {
      id: 'x1',
      type: 'retraction',
      subject: { kind: 'staff', id: 'S001' },
      occurredOn: '2018-03-02',
      data: { retracts: 'r1', reason: 'wrong person' },
    };
    expect((await h.http.post('/v1/facts').send(retraction)).status).toBe(200);
    expect(ids((await h.http.get('/v1/facts')).body)).toEqual(['r2', 'x1']);
    expect(ids((await h.http.get('/v1/facts?includeRetracted=true')).body)).toEqual(['r1', 'r2', 'x1']);
    expect(ids((await h.http.get(`/v1/facts?asOf=${first.body.recordedAt}`)).body)).toEqual(['r1', 'r2']);
  });

  it('filters by subject, type, from/to and asOf (any RFC 3339 offset)', async () => {
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('q1', 'S001', '2018-01-15'), finding('q2', 'S002', '2018-02-15')] });
    h.clock.set('2020-01-02T00:00:00.000Z');
    await h.http.post('/v1/facts').send({
      facts: [
        finding('q3', 'S001', '2018-03-15'),
        {
          id: 'q4',
          type: 'rating',
          subject: { kind: 'staff', id: 'S001' },
          occurredOn: '2018-03-20',
          data: { satisfied: true },
        },
      ],
    });
    const get = async (q: string) => ids((await h.http.get(`/v1/facts?${q}`).expect(200)).body);
    expect(await get('subject=staff:S001')).toEqual(['q1', 'q3', 'q4']);
    expect(await get('subject=staff:S001&type=finding')).toEqual(['q1', 'q3']);
    expect(await get('from=2018-02-01&to=2018-03-15')).toEqual(['q2', 'q3']);
    expect(await get('asOf=2020-01-01T12:00:00Z')).toEqual(['q1', 'q2']);
    expect(await get('asOf=2020-01-01T20:00:00%2B08:00')).toEqual(['q1', 'q2']);
    expect(await get('asOf=2020-01-02T08:00:00+08:00')).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(await get('asOf=2019-12-31T23:59:59.999Z')).toEqual([]);
  });

  it('pages in a stable order with a cursor', async () => {
    const facts = Array.from({ length: 25 }, (_, i) =>
      finding(`p${String(i).padStart(2, '0')}`, `S${i % 3}`, '2018-03-01'),
    );
    await h.http.post('/v1/facts').send({ facts: facts.slice(0, 12) });
    h.clock.advance(1000);
    await h.http.post('/v1/facts').send({ facts: facts.slice(12) });
    const seen: string[] = [];
    let url = '/v1/facts?limit=10';
    for (let pages = 0; pages < 5; pages++) {
      const res = await h.http.get(url).expect(200);
      seen.push(...ids(res.body));
      if (res.body.next === null) break;
      expect(res.body.facts).toHaveLength(10);
      url = `/v1/facts?limit=10&cursor=${res.body.next}`;
    }
    expect(seen).toEqual(facts.map((f) => f.id));
    const bad = await h.http.get('/v1/facts?cursor=bm9wZQ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].parameter).toBe('cursor');
  });

  it.each([
    ['unknown parameter', 'subjct=staff:S001', 'subjct'],
    ['a parameter twice', 'type=finding&type=rating', 'type'],
    ['bracket form', 'subject[$gt]=', 'subject[$gt]'],
    ['bracket form, encoded', 'subject%5B%24gt%5D=', 'subject[$gt]'],
    ['a bad date', 'from=2018-02-30', 'from'],
    ['a bad RFC 3339', 'asOf=yesterday', 'asOf'],
    ['an RFC 3339 without offset', 'asOf=2018-03-01T00:00:00', 'asOf'],
    ['a bad subject', 'subject=S001', 'subject'],
    ['a subject of an unknown kind', 'subject=person:S001', 'subject'],
    ['a "$gt" subject', 'subject=%7B%22%24gt%22%3A%22%22%7D', 'subject'],
    ['limit 0', 'limit=0', 'limit'],
    ['limit over 10,000', 'limit=10001', 'limit'],
    ['limit not a number', 'limit=ten', 'limit'],
    ['includeRetracted not a boolean', 'includeRetracted=yes', 'includeRetracted'],
  ])('answers 400 naming the parameter for %s', async (_what, query, parameter) => {
    const res = await h.http.get(`/v1/facts?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-parameter');
    expect(res.body.error.details[0].parameter).toBe(parameter);
    expect(res.body.error.message).toContain(parameter);
  });

  it('answers 400 for "$" keys anywhere in a body, and stores nothing', async () => {
    const res = await h.http
      .post('/v1/facts')
      .send({ facts: [{ ...finding('o1', 'S001', '2018-03-01'), data: { code: { $gt: '' } } }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'operator-key',
      details: [{ path: '/facts/0/data/code/$gt' }],
    });
    const top = await h.http.post('/v1/facts').send({ $where: 'sleep(1000)' });
    expect(top.status).toBe(400);
    expect((await h.http.get('/v1/facts')).body.facts).toEqual([]);
  });

  it('accepts JSON only: 415 without application/json, 400 for malformed JSON, 413 over the limit', async () => {
    const text = await h.http
      .post('/v1/facts')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(finding('j1', 'S001', '2018-03-01')));
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported-media-type');
    const form = await h.http.post('/v1/facts').type('form').send({ id: 'j1' });
    expect(form.status).toBe(415);
    const none = await h.http.post('/v1/facts');
    expect(none.status).toBe(415);
    const malformed = await h.http
      .post('/v1/facts')
      .set('Content-Type', 'application/json')
      .send('{"id": "j1",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed-json');
    const big = { facts: Array.from({ length: 9000 }, (_, i) => finding(`big-${i}`, 'S001', '2018-03-01')) };
    const tooLarge = await h.http.post('/v1/facts').send(big); // the harness limit is 1 MiB
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('body-too-large');
    const tooMany = await h.http
      .post('/v1/facts')
      .send({ facts: Array.from({ length: 10_001 }, () => ({})) });
    expect([400, 413]).toContain(tooMany.status);
    const empty = await h.http.post('/v1/facts').send({ facts: [] });
    expect(empty.status).toBe(400);
    expect((await h.http.get('/v1/facts')).body.facts).toEqual([]);
  });
});
