/// <reference lib="dom" />
// The procedure in the console, role by role in Chromium, from sign-in to result: 督查部 opens and
// publishes a half-month notice; a quarter goes inspector → group returns it with a note →
// inspector proposes again → group approves and publishes; the group amends an annual grade with a
// reason; after a late retraction the group sees the drift, the inspector proposes the correction
// and the group publishes it. A role that may not act sees no form and gets 403 when it posts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import { type ConsoleHarness, consoleHarness, keyOf } from '../console/support.js';
import { launch } from './browser.js';
import { expectAccessible, postFrom, shoot, signedIn } from './console.js';

let browser: Browser;
let h: ConsoleHarness;
let inspector: Page;
let group: Page;
let auditor: Page;

beforeAll(async () => {
  browser = await launch();
  h = await consoleHarness();
  inspector = await signedIn(browser, h.base, 'inspector');
  group = await signedIn(browser, h.base, 'assessment-group');
  auditor = await signedIn(browser, h.base, 'auditor');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const status = (page: Page) => page.locator('[data-testid="round-status"]').getAttribute('data-value');

/** The inspector opens a round of `kind` for `period` through the form; the page of the round follows. */
async function open(kind: string, period: string): Promise<void> {
  await inspector.goto(`${h.base}/console/rounds`);
  await inspector.selectOption('#kind', kind);
  await inspector.fill('#period', period);
  await inspector.click('[data-testid="open-round"] button');
  await inspector.waitForURL(`${h.base}/console/rounds/rd-${kind}-${period}`);
  expect(await status(inspector)).toBe('proposed');
}

async function take(page: Page, step: string, fill?: (page: Page) => Promise<void>): Promise<void> {
  await page.reload();
  await fill?.(page);
  await page.click(`[data-testid="submit-${step}"]`);
  await page.waitForLoadState('load');
}

describe('督查部 (inspector)', () => {
  it('opens a half-month round, sees the proposed results and publishes the notice', async () => {
    await inspector.goto(`${h.base}/console/rounds`);
    await shoot(inspector, 'rounds-inspector');
    await open('staff-half-month-attendance', '2018-07-H1');
    const rows = inspector.locator('[data-testid="results"] > tbody > tr');
    const evaluation = await h.service.getEvaluation(
      (await h.service.getRound('rd-staff-half-month-attendance-2018-07-H1')).evaluation,
    );
    expect(await rows.count()).toBe(evaluation.results.length);
    await shoot(inspector, 'round-proposed-half-month');
    await take(inspector, 'publish');
    expect(await status(inspector)).toBe('published');
    const link = inspector.locator('[data-testid="publications"] a');
    expect(await link.textContent()).toBe('staff-half-month-attendance-2018-07-H1-1');
    const notice = await inspector.request.get(`${h.base}/p/staff-half-month-attendance-2018-07-H1-1`);
    expect(notice.status()).toBe(200);
  });

  it('does not see the review of a quarter and gets 403 when posting it', async () => {
    await open('staff-quarter', '2018-Q3');
    // Opening it again is the API's 409, shown as a page with its message.
    await inspector.goto(`${h.base}/console/rounds`);
    await inspector.selectOption('#kind', 'staff-quarter');
    await inspector.fill('#period', '2018-Q3');
    const [again] = await Promise.all([
      inspector.waitForResponse((r) => r.request().method() === 'POST'),
      inspector.click('[data-testid="open-round"] button'),
    ]);
    expect(again.status()).toBe(409);
    expect(await inspector.locator('[data-testid="error-message"]').textContent()).toContain(
      'round rd-staff-quarter-2018-Q3 exists already',
    );
    await inspector.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    expect(await inspector.locator('[data-testid="action-review"]').count()).toBe(0);
    const code = await postFrom(inspector, '/console/rounds/rd-staff-quarter-2018-Q3/review', {
      decision: 'approve',
    });
    expect(code).toBe(403);
    await inspector.reload();
    expect(await status(inspector)).toBe('proposed');
  });
});

describe('考核小组 (assessment group)', () => {
  it('returns the quarter with a note; the inspector proposes again; the group approves and publishes', async () => {
    await group.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    await group.click('[data-testid="results"] tr[data-subject="staff:S007"] a[href^="#evidence-"]');
    const s007 = group.locator('details[data-subject="staff:S007"]');
    await expect.poll(() => s007.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await s007.locator('table.items tbody tr').count()).toBeGreaterThan(0);
    expect(await s007.locator('td.facts code').count()).toBeGreaterThan(0);
    await shoot(group, 'round-items-S007', 'details[data-subject="staff:S007"]');
    await shoot(group, 'round-review-quarter');
    await take(group, 'review', async (p) => {
      await p.check('input[name="decision"][value="return"]');
      await p.fill('#note', '请核对S007的考勤记录');
    });
    expect(await status(group)).toBe('returned');
    expect(await group.locator('[data-testid="history"]').textContent()).toContain('请核对S007的考勤记录');

    await inspector.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    expect(await inspector.locator('[data-testid="history"] blockquote').textContent()).toBe(
      '请核对S007的考勤记录',
    );
    await take(inspector, 'propose', (p) => p.fill('#note', '已核对'));
    expect(await status(inspector)).toBe('proposed');

    await take(group, 'review', (p) => p.fill('#note', '审核无误'));
    expect(await status(group)).toBe('reviewed');
    await take(group, 'publish');
    expect(await status(group)).toBe('published');
    const round = await h.service.getRound('rd-staff-quarter-2018-Q3');
    expect(round.history.map((e) => `${e.step}:${e.by.role}`)).toEqual([
      'propose:inspector',
      'review:assessment-group',
      'propose:inspector',
      'review:assessment-group',
      'publish:assessment-group',
    ]);
  });

  it('amends an annual grade with a reason', async () => {
    await open('staff-year', '2018');
    await group.goto(`${h.base}/console/rounds/rd-staff-year-2018`);
    const evaluation = await h.service.getEvaluation(
      (await h.service.getRound('rd-staff-year-2018')).evaluation,
    );
    const first = (evaluation.results as { subject: { id: string }; tier?: { id: string } }[])[0];
    const grade = first?.tier?.id === 'excellent' ? 'competent' : 'excellent';
    await group.selectOption(`select[name="grade:staff:${first?.subject.id}"]`, grade);
    await group.fill(`input[name="reason:staff:${first?.subject.id}"]`, '考核小组评议确定');
    await shoot(group, 'round-review-year-amend');
    await group.click('[data-testid="submit-review"]');
    await group.waitForLoadState('load');
    expect(await status(group)).toBe('reviewed');
    const row = group.locator(`[data-testid="results"] tr[data-subject="staff:${first?.subject.id}"]`);
    expect(await row.textContent()).toContain('考核小组确定');
    const round = await h.service.getRound('rd-staff-year-2018');
    const amended = await h.service.getEvaluation(round.evaluation);
    const tier = (
      amended.results as { subject: { id: string }; tier?: { id: string; decided: boolean } }[]
    ).find((r) => r.subject.id === first?.subject.id)?.tier;
    expect(tier).toMatchObject({ id: grade, decided: true });
  });

  it('sees the drift after a late retraction; the inspector proposes the correction; the group publishes it', async () => {
    const finding = (
      await h.service.getEvaluation((await h.service.getRound('rd-staff-quarter-2018-Q3')).evaluation)
    ).results as { subject: { id: string }; items: { factIds: string[]; points?: number }[] }[];
    const factId = finding.flatMap((r) => r.items).find((i) => i.factIds.length > 0 && (i.points ?? 0) < 0)
      ?.factIds[0] as string;
    h.clock.advance(60_000);
    await h.service.postFacts({
      id: 'late-retraction-1',
      type: 'retraction',
      subject: finding.find((r) => r.items.some((i) => i.factIds.includes(factId)))?.subject,
      occurredOn: '2019-12-31',
      data: { retracts: factId, reason: '复核撤销' },
    } as unknown as Fact);
    h.clock.advance(60_000);

    await group.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    await group.click('[data-testid="drift-link"]');
    await group.waitForURL(/\/drift$/);
    expect(await group.locator('[data-testid="drift-differs"]').count()).toBe(1);
    expect(await group.locator('[data-testid="action-propose"]').count()).toBe(0); // the inspector's step
    await shoot(group, 'round-drift');

    await inspector.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3/drift`);
    await inspector.fill('#note', '撤销一项扣分后更正');
    await inspector.click('[data-testid="submit-propose"]');
    await inspector.waitForURL(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    expect(await status(inspector)).toBe('proposed');

    await group.goto(`${h.base}/console/rounds/rd-staff-quarter-2018-Q3`);
    await take(group, 'review');
    await take(group, 'publish');
    const pubs = await group.locator('[data-testid="publications"] li').allTextContents();
    expect(pubs.join('\n')).toContain('staff-quarter-2018-Q3-2');
    expect(pubs.join('\n')).toContain('更正 staff-quarter-2018-Q3-1');
  });
});

describe('auditor', () => {
  it('reads every round and its history, and sees no action', async () => {
    await auditor.goto(`${h.base}/console/rounds`);
    expect(await auditor.locator('[data-testid="open-round"]').count()).toBe(0);
    const ids = await auditor
      .locator('[data-testid="rounds"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-round')));
    expect(ids.sort()).toEqual(
      ['rd-staff-half-month-attendance-2018-07-H1', 'rd-staff-quarter-2018-Q3', 'rd-staff-year-2018'].sort(),
    );
    await shoot(auditor, 'rounds-auditor');
    await auditor.goto(`${h.base}/console/rounds/rd-staff-year-2018`);
    expect(await auditor.locator('section.act').count()).toBe(0);
    expect(await auditor.locator('[data-testid="history"] > li').count()).toBe(2);
    await expectAccessible(auditor);
    expect(await postFrom(auditor, '/console/rounds/rd-staff-year-2018/publish', {})).toBe(403);
    expect(
      await postFrom(auditor, '/console/rounds', { kind: 'staff-month-circular', period: '2018-08' }),
    ).toBe(403);
    expect((await h.service.getRound('rd-staff-year-2018')).status).toBe('reviewed');
  });

  it('reads the decision log: every verdict answered, who asked, the rule set and the answer', async () => {
    for (const staff of ['S007', 'S001']) {
      const res = await fetch(`${h.base}/v1/verdicts/return-to-unit?staff=${staff}&date=2018-10-01`, {
        headers: { 'X-API-Key': keyOf('integrator') },
      });
      expect(res.status).toBe(200);
    }
    await auditor.goto(`${h.base}/console/decisions`);
    const rows = auditor.locator('[data-testid="decisions"] > tbody > tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('staff:S007');
    expect(await rows.first().textContent()).toContain('系统对接');
    await auditor.fill('#d-subject', 'staff:S001');
    await auditor.click('form.filters button');
    await auditor.waitForURL(/subject=staff%3AS001/);
    expect(await rows.count()).toBe(1);
    await auditor.goto(`${h.base}/console/decisions`);
    // The page shows what GET /v1/decisions answers: the conditions met, by provision and rule.
    const logged = (await h.service.decisions({})).decisions[0] as unknown as {
      answer: { conditionsMet: { provision: string; rule: string }[] };
    };
    const answer = await rows.first().locator('[data-testid="answer"]').textContent();
    for (const c of logged.answer.conditionsMet) expect(answer).toContain(`${c.provision} ${c.rule}`);
    await shoot(auditor, 'decisions-auditor');
  });

  it('is the only role the decision log opens to', async () => {
    expect(await inspector.locator('nav a[href="/console/decisions"]').count()).toBe(0);
    const res = await inspector.goto(`${h.base}/console/decisions`);
    expect(res?.status()).toBe(403);
    expect(await inspector.locator('[data-testid="error-message"]').textContent()).toContain(
      'listDecisions needs the role auditor',
    );
    await expectAccessible(inspector);
  });
});
