// The auditor's view-models over the example centre: an evaluation explained down to fact ids, its
// replay, and S007's page (bottom group 2018-Q2 and Q3, returned to the unit from 2018-10-01).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationPage, evaluationsPage, replayPage, subjectPage } from '../../src/console/auditor-views.js';
import { type ConsoleHarness, consoleHarness } from './support.js';

let centre: ConsoleHarness;
let evaluationId: string;
beforeAll(async () => {
  centre = await consoleHarness();
  evaluationId = (
    (await centre.service.createEvaluation({ kind: 'staff-quarter', period: '2018-Q3' })) as { id: string }
  ).id;
}, 120_000);
afterAll(() => centre.close());

describe('evaluations', () => {
  it('lists stored evaluations with their bottom group', async () => {
    const page = await evaluationsPage(centre.service, { kind: 'staff-quarter' });
    const row = page.evaluations.find((e) => e.id === evaluationId);
    expect(row?.results).toBe(47);
    expect(row?.bottomGroup).toContain('S007');
  });

  it('explains a subject down to provisions, rules, parameter values and fact ids', async () => {
    const page = await evaluationPage(centre.service, evaluationId, 'S007');
    expect(page.open?.rank).toBe(47);
    expect(page.open?.bottomGroup).toBe(true);
    const early = page.open?.items.find((i) => i.code === 'early-leave');
    expect(early?.provision).toBe('A5.1.1');
    expect(early?.parameters).toContain('points.finding.early-leave = 1');
    expect(early?.factIds).toContain('f-2018-07-03-S007-early-leave-1');
    expect(page.open?.explanation.find((l) => l.name === 'base')?.value).toBe('100');
  });

  it('replays an evaluation and shows no difference', async () => {
    const page = await replayPage(centre.service, evaluationId);
    expect(page.identical).toBe(true);
    expect(page.differences).toEqual([]);
  });
});

describe('a staff member over time', () => {
  it('charts quarterly scores with the bottom group marked and gives the verdict with its evidence', async () => {
    const page = await subjectPage(centre.service, 'staff:S007', '2018-10-01', {
      name: 'test',
      role: 'auditor',
    });
    const quarters = page.charts.find((c) => c.cadence === 'quarter');
    expect(quarters?.points.filter((p) => p.bottomGroup).map((p) => p.period)).toEqual([
      '2018-Q2',
      '2018-Q3',
    ]);
    // Only quarters over before the date asked.
    expect(quarters?.points.at(-1)?.period).toBe('2018-Q3');
    const verdict = page.verdicts.find((v) => v.flag === 'returnToUnit');
    expect(verdict?.value).toBe(true);
    const a743 = verdict?.conditions.find((c) => c.provision === 'A7.4.3');
    expect(a743?.met).toBe(true);
    expect(a743?.evidence.some((e) => e.value.includes('2018-Q2'))).toBe(true);
    expect(page.factCount).toBeGreaterThan(0);
    const months = page.timeline.map((m) => m.month);
    expect(months).toEqual([...months].sort());
    const july = page.timeline.find((m) => m.month === '2018-07');
    expect(july?.facts.map((f) => f.id)).toContain('f-2018-07-03-S007-early-leave-1');
    expect(july?.counts.reduce((n, c) => n + c.n, 0)).toBe(july?.facts.length);
  });

  it('the day before, S007 is not returned, and a year of grades is shown once over', async () => {
    const before = await subjectPage(centre.service, 'staff:S007', '2018-09-30');
    expect(before.verdicts.find((v) => v.flag === 'returnToUnit')?.value).toBe(false);
    const after = await subjectPage(centre.service, 'staff:S007', '2019-06-01');
    const year = after.tables.find((t) => t.cadence === 'year');
    expect(year?.rows.map((r) => r.period)).toEqual(['2018']);
    expect(year?.rows[0]?.tier).toBeTruthy();
  });
});
