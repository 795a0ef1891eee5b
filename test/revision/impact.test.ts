// POST /v1/rulesets/impact over the example centre: what a draft revision would change, before it is
// published; a small time budget cuts the report, says so, and its cursors give the same report.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { centreFacts, forEachStore, type Harness, harness, postAll } from '../http/support.js';
import { addValue, setVersion, shippedFiles } from './revise.js';

function draft() {
  const files = shippedFiles();
  setVersion(files, '2019.1');
  addValue(files, 'points.finding.late', '2019-01-01', 2);
  addValue(files, 'ranking.bottomGroupSize', '2019-01-01', 4);
  return files;
}

type Step = { kind?: string; period?: string; verdict?: string; date?: string; changes: Change[] };
type Change = {
  subject: string;
  fields: Record<string, unknown>;
  provisions: string[];
  parameters: Record<string, unknown>;
};

forEachStore('rule-set impact', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind);
    await postAll(h, centreFacts());
    h.clock.advance(60_000);
  });
  afterAll(async () => {
    await h.close();
  });
  const impact = (body: object) => h.http.post('/v1/rulesets/impact').send(body);
  /** The whole report: a loaded machine may hit the default budget, so follow the cursors. */
  const fullReport = async (body: object) => {
    const res = await impact(body);
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    const report = res.body;
    while (report.next) {
      const more = (await impact({ ...body, cursor: report.next }).expect(200)).body;
      report.evaluations.push(...more.evaluations);
      report.verdicts.push(...more.verdicts);
      Object.assign(report, { complete: more.complete, next: more.next });
    }
    return report;
  };

  it('reports the subjects and verdicts a draft would change, and publishes nothing', async () => {
    const report = await fullReport({ files: draft(), from: '2018-01-01', to: '2019-06-30' });
    expect(report).toMatchObject({ revision: { version: '2019.1' }, complete: true, next: null });
    const step = (k: string, p: string) =>
      report.evaluations.find((s: Step) => s.kind === k && s.period === p);
    expect(step('staff-quarter', '2018-Q3').changes).toEqual([]);
    expect(step('staff-year', '2018').changes).toEqual([]);
    const q1 = step('staff-quarter', '2019-Q1') as Step;
    expect(q1.changes.length).toBeGreaterThan(0);
    const late = q1.changes.find((c) => c.parameters['points.finding.late']);
    expect(late?.parameters['points.finding.late']).toEqual({ current: 1, revision: 2 });
    expect(late?.provisions).toContain('A5.1.1');
    expect(late?.fields.score).toMatchObject({ current: expect.any(Number), revision: expect.any(Number) });
    const dates = report.verdicts.map((s: Step) => s.date);
    expect(dates).toEqual([
      '2018-01-01',
      '2018-04-01',
      '2018-07-01',
      '2018-10-01',
      '2019-01-01',
      '2019-04-01',
    ]);
    // S007's return on 2018-10-01 rests on 2018 quarters: the draft changes nothing there
    expect(report.verdicts.find((s: Step) => s.date === '2018-10-01').changes).toEqual([]);
    expect((await h.http.get('/v1/rulesets')).body.rulesets).toHaveLength(1);
  }, 240_000);

  it('stops at the time budget, says so, and goes on from its cursor to the same report', async () => {
    const body = { files: draft(), from: '2019-01-01', to: '2019-06-30' };
    const whole = await fullReport(body);
    // biome-ignore lint/suspicious/noExplicitAny: report pages are checked field by field below
    const pages: any[] = [];
    let next: string | null = null;
    do {
      // biome-ignore lint/suspicious/noExplicitAny: the JSON body of one page
      const res: { body: any } = await impact({
        ...body,
        budgetMs: 0,
        ...(next ? { cursor: next } : {}),
      }).expect(200);
      pages.push(res.body);
      next = res.body.next;
    } while (next && pages.length < 100);
    expect(pages.length).toBe(whole.steps.total);
    expect(pages[0]).toMatchObject({ complete: false, cut: { reason: 'time-budget', budgetMs: 0 } });
    expect(pages[0].cut.message).toMatch(/^stopped after 1 of \d+ remaining steps/);
    expect(pages.at(-1)).toMatchObject({ complete: true, next: null });
    expect(pages.flatMap((p) => p.evaluations)).toEqual(whole.evaluations);
    expect(pages.flatMap((p) => p.verdicts)).toEqual(whole.verdicts);
    const bad = await impact({ ...body, cursor: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^cursor: not a cursor of this draft/);
  }, 240_000);

  it('answers a draft with mistakes as 422 with file:line:col, like publishing', async () => {
    const files = draft();
    files['parameters.yaml'] = (files['parameters.yaml'] as string).replace(
      '"2019-01-01": 4',
      '"2019-01-01": four',
    );
    const res = await impact({ files });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ file: 'parameters.yaml', code: 'mixed-types' });
  });

  it('a draft in force from 2019-01-01 is compared from that day, never a 500 for the periods before', async () => {
    const files = draft();
    setVersion(files, '2019.2', '2019-01-01');
    const res = await impact({ files, from: '2018-01-01', to: '2019-03-31' });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.from).toBe('2019-01-01');
    const periods = res.body.evaluations.map((s: Step) => s.period);
    expect(periods).toContain('2019-Q1');
    expect(periods.filter((p: string) => p.startsWith('2018'))).toEqual([]);
    expect(res.body.verdicts.map((s: Step) => s.date)).toEqual(['2019-01-01']);
    const before = await impact({ files, from: '2018-01-01', to: '2018-12-31' });
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe('not-in-force');
  });
});
