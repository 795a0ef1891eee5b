// The county regulation (test/fixtures/county, in force from 1 June 2019) served over HTTP: a period
// that straddles effective.from is answered like the CLI answers it (its in-force part, said in
// explanation.inForce), not refused for having no rule set on its first day.
import { join } from 'node:path';
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
const FACTS: Fact[] = [
  staff('S001'),
  staff('S002'),
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
});
