// The county regulation (test/fixtures/county, in force from 1 June 2019) served over HTTP: a period
// that straddles effective.from is answered like the CLI answers it (its in-force part, said in
// explanation.inForce), not refused for having no rule set on its first day; its own fact type
// (sign-in) is accepted, validated and documented, and its roster needs no dispatchingUnit.
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import { forEachStore, type Harness, harness, postAll, ROOT } from './support.js';

const COUNTY_RULES = join(ROOT, 'test', 'fixtures', 'county', 'rules');

const staff = (id: string): Fact => ({
  id: `roster-${id}`,
  type: 'roster.staff',
  subject: { kind: 'staff', id },
  occurredOn: '2019-01-01',
  data: { name: `人员${id}`, window: 'W01', dispatchingUnit: '县行政审批服务局', joinedOn: '2019-01-01' },
});
const late = (id: string, subject: string, occurredOn: string): Fact => ({
  id,
  type: 'finding',
  subject: { kind: 'staff', id: subject },
  occurredOn,
  data: { code: 'late', minutes: 20 },
});
const signIn = (id: string, occurredOn: string, halfDay: string, signed: boolean): Fact => ({
  id,
  type: 'sign-in',
  subject: { kind: 'staff', id: 'S002' },
  occurredOn,
  data: { halfDay, punch: 'in', signed },
});
const FACTS: Fact[] = [
  staff('S001'),
  // The county roster leaves out the dispatching unit (optional in its ruleset.yaml).
  { ...staff('S002'), data: { name: '人员S002', window: 'W01', joinedOn: '2019-01-01' } },
  late('late-march', 'S001', '2019-03-04'),
  late('late-june', 'S001', '2019-06-04'),
];
const IN_FORCE = { from: '2019-06-01', to: '2019-06-30', effectiveFrom: '2019-06-01' };

forEachStore('county rules over HTTP', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind, { rulesDir: COUNTY_RULES });
    await postAll(h, FACTS);
  });
  afterAll(async () => {
    await h.close();
  });

  it('evaluates 2019-Q2 over June only (the rules take effect on 1 June) and says so', async () => {
    const res = await h.http.post('/v1/evaluations').send({ kind: 'staff-quarter', period: '2019-Q2' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s001 = res.body.results.find((r: { subject: { id: string } }) => r.subject.id === 'S001');
    // The March late arrival is before the rules: only June's counts.
    expect(s001.score).toBe(99);
    expect(s001.explanation.inForce).toEqual(IN_FORCE);
    expect(s001.explanation.periods).toEqual({ '2019-06': 99 });
    expect(res.body.ruleset.version).toBe('2019.1');
    expect((await h.http.get(`/v1/evaluations/${res.body.id}`)).body).toEqual(res.body);
    expect((await h.http.post(`/v1/evaluations/${res.body.id}/replay`)).body).toEqual({
      identical: true,
      differences: [],
    });
  });

  it('evaluates posted facts over a straddling year the same way', async () => {
    const res = await h.http
      .post('/v1/verdicts')
      .send({ kind: 'staff-quarter', period: '2019-Q2', facts: FACTS });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s001 = res.body.results.find((r: { subject: { id: string } }) => r.subject.id === 'S001');
    expect(s001).toMatchObject({ score: 99, explanation: { inForce: IN_FORCE } });
  });

  it('still refuses a period wholly before the rules (422 no-ruleset-in-force)', async () => {
    const res = await h.http.post('/v1/evaluations').send({ kind: 'staff-month', period: '2019-05' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('no-ruleset-in-force');
    expect(res.body.error.message).toContain('2019-05');
  });

  it('stores sign-ins of the declared type and counts the missed ones of a half day as one absence', async () => {
    const posted = await h.http.post('/v1/facts').send({
      facts: [
        signIn('si-1', '2019-07-02', 'morning', false),
        {
          ...signIn('si-2', '2019-07-02', 'morning', false),
          data: { halfDay: 'morning', punch: 'out', signed: false },
        },
        signIn('si-3', '2019-07-02', 'afternoon', true),
      ],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    h.clock.advance(1000);
    const res = await h.http.post('/v1/evaluations').send({ kind: 'staff-month', period: '2019-07' });
    const s002 = res.body.results.find((r: { subject: { id: string } }) => r.subject.id === 'S002');
    expect(s002.score).toBe(95);
    expect(s002.items).toEqual([
      expect.objectContaining({
        rule: 'county.missed-sign-in',
        points: -5,
        count: 2,
        group: '2019-07-02 morning',
        factIds: ['si-1', 'si-2'],
      }),
    ]);
  });

  it('refuses a sign-in of the wrong shape, naming index, id and field, and stores nothing (422)', async () => {
    const before = (await h.http.get('/v1/facts?type=sign-in')).body.facts.length;
    const res = await h.http.post('/v1/facts').send({
      facts: [signIn('ok-1', '2019-07-03', 'morning', true), signIn('bad-1', '2019-07-03', 'noon', true)],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ index: 1, id: 'bad-1', path: '/data/halfDay' }),
    ]);
    expect(res.body.error.details[0].message).toMatch(/morning, afternoon/);
    expect((await h.http.get('/v1/facts?type=sign-in')).body.facts.length).toBe(before);
  });

  it('the OpenAPI document lists the declared type and the optional roster field of the rule set in force', async () => {
    const doc = (await h.http.get('/openapi.json').expect(200)).body;
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    const schemas = doc.components.schemas;
    expect(schemas.fact.properties.type.enum).toContain('sign-in');
    expect(schemas.fact.oneOf).toContainEqual({ $ref: '#/components/schemas/fact.declared-sign-in' });
    expect(schemas.fact['x-fact-types']['sign-in']).toMatchObject({
      subjects: ['staff'],
      provisions: ['A5.2.5'],
    });
    const signInData = schemas['fact.declared-sign-in'].properties.data;
    expect(signInData.required).toEqual(['halfDay', 'punch', 'signed']);
    expect(signInData.properties.note).toEqual({ $ref: '#/components/schemas/fact.note' });
    expect(schemas['fact.roster.staff'].properties.data.required).not.toContain('dispatchingUnit');
    expect(schemas['fact.roster.staff'].properties.data.required).toContain('window');
  });
});
