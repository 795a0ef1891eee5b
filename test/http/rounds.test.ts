// The assessment procedure over HTTP on the example centre, on both stores: a quarter's round
// (propose → review → publish), order and role errors naming what is needed, a correction after a
// late retraction with drift, the annual round with amendments, a round without review, races
// between steps, and the decision log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, Role } from '../../src/config/api-keys.js';
import { centreFacts, forEachStore, type Harness, harness, postAll } from './support.js';

const ROLE_KEYS: ApiKey[] = (
  ['integrator', 'officer', 'auditor', 'inspector', 'assessment-group'] as Role[]
).map((role) => ({ key: `${role}-key-0123456789abcdef`, role, name: `${role} desk` }));
const key = (role: Role) => `${role}-key-0123456789abcdef`;

forEachStore('rounds', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind, { keys: ROLE_KEYS });
    const facts = centreFacts();
    for (let i = 0; i < facts.length; i += 2000) {
      const res = await h.http
        .post('/v1/facts')
        .set('X-API-Key', key('integrator'))
        .send({ facts: facts.slice(i, i + 2000) });
      expect(res.status).toBe(200);
      h.clock.advance(1000);
    }
    h.clock.advance(60_000);
  });
  afterAll(async () => {
    await h.close();
  });
  void postAll;

  const as = (role: Role) => ({
    get: (path: string) => h.http.get(path).set('X-API-Key', key(role)),
    post: (path: string, body?: object) => {
      const req = h.http.post(path).set('X-API-Key', key(role));
      return body ? req.send(body) : req;
    },
  });
  const tick = () => h.clock.advance(1000);

  describe('a quarter: propose → review → publish', () => {
    const id = 'rd-staff-quarter-2018-Q3';
    it('the inspector proposes: a stored evaluation, the step recorded with key name and role', async () => {
      const res = await as('inspector').post('/v1/rounds', { kind: 'staff-quarter', period: '2018-Q3' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ id, kind: 'staff-quarter', period: '2018-Q3', status: 'proposed' });
      expect(res.body.history).toEqual([
        {
          step: 'propose',
          by: { role: 'inspector', name: 'inspector desk' },
          at: h.clock.iso(),
          evaluation: res.body.evaluation,
        },
      ]);
      const evaluation = await as('auditor').get(`/v1/evaluations/${res.body.evaluation}`);
      expect(evaluation.body.results.length).toBeGreaterThan(40);
      tick();
      const again = await as('inspector').post('/v1/rounds', { kind: 'staff-quarter', period: '2018-Q3' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('round-exists');
    });

    it('a step out of order is a 409 naming the step and role due; the wrong role a 403 naming the role', async () => {
      const early = await as('assessment-group').post(`/v1/rounds/${id}/publish`);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('step-out-of-order');
      expect(early.body.error.message).toContain('the next step is review by role assessment-group');
      expect(early.body.error.details).toEqual([{ step: 'review', role: 'assessment-group' }]);
      const wrong = await as('inspector').post(`/v1/rounds/${id}/review`, { decision: 'approve' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('wrong-role');
      expect(wrong.body.error.details).toEqual([{ step: 'review', role: 'assessment-group' }]);
      const outsider = await as('integrator').post(`/v1/rounds/${id}/review`, { decision: 'approve' });
      expect(outsider.status).toBe(403);
      const amend = await as('assessment-group').post(`/v1/rounds/${id}/review`, {
        decision: 'approve',
        amendments: [{ subject: 'staff:S007', grade: 'excellent', reason: 'x' }],
      });
      expect(amend.status).toBe(422);
      expect(amend.body.error.code).toBe('no-amendments');
    });

    it('nothing is public before publication', async () => {
      expect((await h.http.get('/p/staff-quarter-2018-Q3-1')).status).toBe(404);
      expect((await h.http.get('/p/staff-quarter-2018-Q3-1.csv')).status).toBe(404);
      expect((await h.http.get('/p/')).text).not.toContain('staff-quarter-2018-Q3-1');
    });

    it('the group approves and publishes; the notice is public in HTML, CSV, XLSX and JSON', async () => {
      tick();
      const reviewed = await as('assessment-group').post(`/v1/rounds/${id}/review`, {
        decision: 'approve',
        note: '审核无误',
      });
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
      expect(reviewed.body.status).toBe('reviewed');
      tick();
      const published = await as('assessment-group').post(`/v1/rounds/${id}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      expect(published.body.publication).toEqual({
        id: 'staff-quarter-2018-Q3-1',
        round: id,
        kind: 'staff-quarter',
        period: '2018-Q3',
        publishedAt: h.clock.iso(),
        evaluation: reviewed.body.evaluation,
      });
      expect(
        published.body.history.map((s: { step: string; by: { role: string } }) => `${s.step}:${s.by.role}`),
      ).toEqual(['propose:inspector', 'review:assessment-group', 'publish:assessment-group']);
      const evaluation = (await as('auditor').get(`/v1/evaluations/${reviewed.body.evaluation}`)).body;
      const page = await h.http.get('/p/staff-quarter-2018-Q3-1');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const subjects = [...page.text.matchAll(/data-subject="([^"]+)"/g)].map((m) => m[1]);
      expect(subjects).toEqual(
        evaluation.results.map(
          (r: { subject: { kind: string; id: string } }) => `${r.subject.kind}:${r.subject.id}`,
        ),
      );
      expect(page.text).toContain('季度考核');
      expect(page.text).toMatch(/data-field="bottom-group" data-value="true">后6名/);
      const csv = await h.http.get('/p/staff-quarter-2018-Q3-1.csv');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      expect(csv.text.trim().split('\r\n')).toHaveLength(evaluation.results.length + 2);
      const xlsx = await h.http
        .get('/p/staff-quarter-2018-Q3-1.xlsx')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      const json = await h.http.get('/p/staff-quarter-2018-Q3-1.json');
      expect(json.body.publication.id).toBe('staff-quarter-2018-Q3-1');
      expect(json.body.notice.rows).toHaveLength(evaluation.results.length);
      expect((await h.http.get('/p/assets/notice.css')).headers['content-type']).toContain('text/css');
    });

    it('a late retraction shows as drift; a correction supersedes the publication, both stay readable', async () => {
      tick();
      const facts = (
        await as('auditor').get('/v1/facts?subject=staff:S007&type=finding&from=2018-07-01&to=2018-09-30')
      ).body.facts;
      const target = facts[0].id;
      const posted = await as('integrator').post('/v1/facts', {
        id: 'r-late-1',
        type: 'retraction',
        subject: { kind: 'staff', id: 'S007' },
        occurredOn: '2018-10-08',
        data: { retracts: target, reason: '复核：公务外出' },
      });
      expect(posted.status).toBe(200);
      tick();
      const drift = await as('auditor').get(`/v1/rounds/${id}/drift`);
      expect(drift.status).toBe(200);
      expect(drift.body.identical).toBe(false);
      expect(drift.body.differences.length).toBeGreaterThan(0);
      const corrected = await as('inspector').post(`/v1/rounds/${id}/propose`, { note: '更正' });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
      expect(corrected.body.status).toBe('proposed');
      expect(corrected.body.history.at(-1).corrects).toBe('staff-quarter-2018-Q3-1');
      tick();
      await as('assessment-group').post(`/v1/rounds/${id}/review`, { decision: 'approve' }).expect(200);
      tick();
      const second = await as('assessment-group').post(`/v1/rounds/${id}/publish`);
      expect(second.body.publication).toMatchObject({
        id: 'staff-quarter-2018-Q3-2',
        supersedes: 'staff-quarter-2018-Q3-1',
      });
      const old = await h.http.get('/p/staff-quarter-2018-Q3-1');
      expect(old.status).toBe(200);
      expect(old.text).toContain('staff-quarter-2018-Q3-2');
      const list = await h.http.get('/p/');
      expect(list.text).toMatch(/data-publication="staff-quarter-2018-Q3-1" data-current="false"/);
      expect(list.text).toMatch(/data-publication="staff-quarter-2018-Q3-2" data-current="true"/);
      expect((await as('auditor').get(`/v1/rounds/${id}/drift`)).body.identical).toBe(true);
    });
  });

  it('the annual round: the group determines a grade and a special adjustment, stored as facts with their reason', async () => {
    const id = 'rd-staff-year-2018';
    const proposed = await as('inspector').post('/v1/rounds', { kind: 'staff-year', period: '2018' });
    expect(proposed.status).toBe(201);
    const before = (await as('auditor').get(`/v1/evaluations/${proposed.body.evaluation}`)).body.results.find(
      (r: { subject: { id: string } }) => r.subject.id === 'S001',
    );
    tick();
    const reviewed = await as('assessment-group').post(`/v1/rounds/${id}/review`, {
      decision: 'approve',
      amendments: [
        { subject: 'staff:S001', grade: 'competent', reason: '考核小组评议' },
        { subject: 'staff:S002', points: 1.5, reason: '市级表彰' },
      ],
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.evaluation).not.toBe(proposed.body.evaluation);
    const amendments = reviewed.body.history.at(-1).amendments;
    expect(amendments).toHaveLength(2);
    const after = (await as('auditor').get(`/v1/evaluations/${reviewed.body.evaluation}`)).body.results;
    const s001 = after.find((r: { subject: { id: string } }) => r.subject.id === 'S001');
    expect(s001.tier).toMatchObject({ id: 'competent', decided: true, proposed: { id: before.tier.id } });
    const decisionFacts = (await as('auditor').get('/v1/facts?subject=staff:S001&type=grade-decision')).body
      .facts;
    expect(decisionFacts.map((f: { id: string }) => f.id)).toEqual(amendments[0].facts);
    expect(decisionFacts[0].data).toEqual({ period: '2018', grade: 'competent', reason: '考核小组评议' });
    const s002 = after.find((r: { subject: { id: string } }) => r.subject.id === 'S002');
    expect(
      s002.items.some(
        (i: { effect: string; points: number }) => i.effect === 'adjustment' && i.points === 1.5,
      ),
    ).toBe(true);
    tick();
    await as('assessment-group').post(`/v1/rounds/${id}/publish`).expect(200);
    const page = await h.http.get('/p/staff-year-2018-1');
    expect(page.text).toMatch(
      /data-subject="staff:S001"(?:(?!<\/tr>)[\s\S])*?data-field="tier" data-value="competent">称职（考核小组确定）/,
    );
  });

  it('the half-month publicity has no review: the inspector publishes, a review is out of order', async () => {
    const id = 'rd-staff-half-month-attendance-2018-07-H1';
    await as('inspector')
      .post('/v1/rounds', { kind: 'staff-half-month-attendance', period: '2018-07-H1' })
      .expect(201);
    const review = await as('assessment-group').post(`/v1/rounds/${id}/review`, { decision: 'approve' });
    expect(review.status).toBe(409);
    expect(review.body.error.details).toEqual([{ step: 'publish', role: 'inspector' }]);
    expect((await as('assessment-group').post(`/v1/rounds/${id}/publish`)).status).toBe(403);
    await as('inspector').post(`/v1/rounds/${id}/publish`).expect(200);
    const page = await h.http.get('/p/staff-half-month-attendance-2018-07-H1-1');
    expect(page.text).toMatch(
      /data-subject="staff:S007"(?:(?!<\/tr>)[\s\S])*?迟到 ×3 -3（07-03、07-05、07-13）/,
    );
    const listed = await as('auditor').get('/v1/rounds?status=published&kind=staff-half-month-attendance');
    expect(listed.body.rounds.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('of two steps taken at once on one round, one wins and the other is a 409', async () => {
    const id = 'rd-staff-month-circular-2018-07';
    await as('inspector').post('/v1/rounds', { kind: 'staff-month-circular', period: '2018-07' }).expect(201);
    tick();
    const both = await Promise.all([1, 2, 3].map(() => as('inspector').post(`/v1/rounds/${id}/publish`)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const round = (await as('auditor').get(`/v1/rounds/${id}`)).body;
    expect(round.history).toHaveLength(2);
    expect(round.publications).toHaveLength(1);
  });

  it('records every verdict answered in the decision log, readable by auditors', async () => {
    const verdict = await as('integrator').get('/v1/verdicts/return-to-unit?staff=S007&date=2018-10-01');
    expect(verdict.status).toBe(200);
    await as('integrator')
      .post('/v1/verdicts', { kind: 'staff-quarter', period: '2018-Q1', facts: [] })
      .expect(200);
    expect((await as('inspector').get('/v1/decisions')).status).toBe(403);
    const log = await as('auditor').get('/v1/decisions?subject=staff:S007');
    expect(log.status).toBe(200);
    const last = log.body.decisions.at(-1);
    expect(last).toMatchObject({
      by: { name: 'integrator desk', role: 'integrator' },
      question: { verdict: 'return-to-unit', subject: 'staff:S007', date: '2018-10-01' },
      ruleset: { hash: verdict.body.ruleset.hash },
      answer: { value: verdict.body.returnToUnit },
    });
    const all = await as('auditor').get('/v1/decisions?limit=1');
    expect(all.body.decisions).toHaveLength(1);
    const next = await as('auditor').get(`/v1/decisions?limit=10&cursor=${all.body.next}`);
    expect(next.body.decisions.at(-1).question).toMatchObject({ kind: 'staff-quarter', period: '2018-Q1' });
    // POST /v1/verdicts, answered through Express like every route, names its asker too.
    expect(next.body.decisions.at(-1).by).toEqual({ name: 'integrator desk', role: 'integrator' });
  });
});
