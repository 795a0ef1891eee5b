/// <reference lib="dom" />
// The policy officer's and the auditor's console pages in headless Chromium, signed in with API
// keys: the officer reads a provision down to its parameters and tests, checks a draft with an
// error (file:line:col beside the text), fixes it, sees its rule tests and impact, publishes and
// compares; the auditor opens an evaluation's explanation down to fact ids, replays it, and reads
// S007's page (chart and table, bottom-group quarters, the verdict's evidence). A role that may not
// act sees no button and gets 403. axe-core finds no serious or critical violation; screenshots go
// to test-output/console/ (docs/console/ with CONSOLE_SHOTS=docs).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, keyOf } from '../console/support.js';
import { launch, renderedFonts } from './browser.js';
import { postFrom, SHOTS } from './console.js';

let browser: Browser;
let base: string;
let centre: ConsoleHarness;
let evaluationId: string;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
  centre = await consoleHarness();
  base = centre.base;
  evaluationId = (
    (await centre.service.createEvaluation({ kind: 'staff-quarter', period: '2018-Q3' })) as { id: string }
  ).id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await centre?.close();
});

/**
 * Signed in through the form, in a context that keeps the console's Content-Security-Policy (unlike
 * console.ts's pages): the chart must draw under it.
 */
async function signedIn(
  role: 'officer' | 'auditor',
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  await page.fill('#key', keyOf(role));
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/console/sign-in'),
    page.click('form[action="/console/sign-in"] button[type="submit"]'),
  ]);
  return { context, page };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious or critical violations. The console's CSP forbids inline scripts, so axe is
 * evaluated through the DevTools protocol (which the page's CSP does not govern) instead of a tag.
 */
async function seriousViolations(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global into the page
    const result = await (window as any).axe.run(document);
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

async function check(page: Page, shot: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
}

describe('policy officer', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await signedIn('officer', '/console/rules'));
  }, 60_000);
  afterAll(() => context?.close());

  it('reads a provision down to the rules, parameters with their history and the rule tests', async () => {
    expect(await page.locator('[data-testid=provisions] tbody tr').count()).toBeGreaterThan(40);
    await check(page, 'officer-rules');
    await page.click('a[href^="/console/rules/provisions/A5.1.1?"]');
    await expect
      .poll(() => page.locator('[data-testid=provision-text]').innerText())
      .toContain('严禁迟到早退');
    expect(await renderedFonts(page, '[data-testid=provision-text] p')).toEqual(
      expect.arrayContaining([expect.stringMatching(/CJK|Han|WenQuanYi|Droid Sans Fallback/)]),
    );
    expect(await page.locator('[data-testid=rules]').innerText()).toContain('conduct.attendance');
    const late = await page.locator('[id="param-points.finding.late"]').innerText();
    expect(late).toContain('2018-01-01');
    expect(await page.locator('[data-testid=tests] tbody tr').count()).toBeGreaterThan(0);
    await check(page, 'officer-provision');
  });

  it('checks a draft: an error at file:line:col beside the text, then tests and impact, then publishes', async () => {
    await page.goto(`${base}/console/rules/draft?file=parameters.yaml`);
    const text = await page.locator('#d-text').inputValue();
    const broken = text.replace(
      /(points\.finding\.early-leave:\n(?:.*\n){1,2}\s+provisions: )\[A5\.1\.1\]/,
      '$1[A5.1.99]',
    );
    expect(broken).not.toBe(text);
    const line = broken.split('\n').findIndex((l) => l.includes('[A5.1.99]')) + 1;
    await page.fill('#d-text', broken);
    await Promise.all([page.waitForURL(`${base}/console/rules/draft`), page.click('[data-testid=check]')]);
    await expect.poll(() => page.locator('[data-testid=invalid]').count()).toBe(1);
    const marked = page.locator('ol.listing li.has-error');
    expect(await marked.getAttribute('value')).toBe(String(line));
    expect(await marked.innerText()).toMatch(new RegExp(`parameters\\.yaml:${line}:\\d+`));
    expect(await page.locator('[data-testid=publish]').count()).toBe(0); // nothing to publish yet
    await marked.scrollIntoViewIfNeeded();
    await check(page, 'officer-draft-errors');

    const fixed = text.replace(/(points\.finding\.early-leave:\n(?:.*\n){4}\s+"2018-01-01": )1/, '$13');
    expect(fixed).not.toBe(text);
    await page.fill('#d-text', fixed);
    await page.fill('#d-from', '2018-07-01');
    await page.fill('#d-to', '2018-09-30');
    await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=check]')]);
    await expect.poll(() => page.locator('[data-testid=valid]').count()).toBe(1);
    expect(await page.locator('[data-testid=tests-summary]').innerText()).toMatch(/\d+ 通过 passed/);
    const impact = await page.locator('section').innerText();
    expect(impact).toContain('staff:S007');
    expect(impact).toContain('points.finding.early-leave: 1 → 3');
    await check(page, 'officer-draft-impact');

    await Promise.all([
      page.waitForURL(`${base}/console/rules/publish`),
      page.click('[data-testid=publish]'),
    ]);
    const published = await page.locator('[data-testid=published]').innerText();
    expect(published).toMatch(/2018\.2/);
  });

  it('uploads a rule file into the draft (its text and name)', async () => {
    await page.goto(`${base}/console/rules/draft`);
    const text = 'kind: parameters\nparameters: {}\n';
    await page.setInputFiles('#d-upload', {
      name: 'uploaded.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(text),
    });
    await expect.poll(() => page.locator('#d-text').inputValue()).toBe(text);
    expect(await page.locator('#d-file').inputValue()).toBe('uploaded.yaml');
  });

  it('compares the two published versions', async () => {
    const { rulesets } = await centre.service.listRulesets();
    expect(rulesets.length).toBe(2);
    const [older, newer] = rulesets as unknown as [{ hash: string }, { hash: string }];
    await page.goto(
      `${base}/console/rules/compare?current=${older.hash}&revision=${newer.hash}&kind=staff-quarter&period=2018-Q3`,
    );
    expect(await page.locator('[data-testid=definitions]').innerText()).toContain(
      'points.finding.early-leave',
    );
    expect(await page.locator('[data-testid=changes]').innerText()).toContain('staff:S007');
    await check(page, 'officer-compare');
  });

  it('sees no replay on an evaluation and gets 403 when it posts one', async () => {
    await page.goto(`${base}/console/evaluations/${evaluationId}`);
    expect(await page.locator('[data-testid=replay]').count()).toBe(0);
    expect(await postFrom(page, `/console/evaluations/${evaluationId}/replay`, {})).toBe(403);
  });
});

describe('auditor', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await signedIn('auditor', '/console/evaluations'));
  }, 60_000);
  afterAll(() => context?.close());

  it('opens an evaluation, explains a subject down to fact ids, and replays it', async () => {
    await page.click(`a[href="/console/evaluations/${evaluationId}"]`);
    await page.click(`a[href="/console/evaluations/${evaluationId}?subject=S007#h-open"]`);
    const explanation = await page.locator('[data-testid=explanation]').innerText();
    expect(explanation).toContain('f-2018-07-03-S007-early-leave-1');
    expect(explanation).toContain('points.finding.early-leave = 1');
    await check(page, 'auditor-evaluation');
    await Promise.all([page.waitForURL(/\/replay$/), page.click('[data-testid=replay]')]);
    expect(await page.locator('[data-testid=identical]').count()).toBe(1);
    await check(page, 'auditor-replay');
  });

  it("reads S007's page: quarterly chart with the bottom group marked, grades, facts, the verdict's evidence", async () => {
    await page.goto(`${base}/console/subjects/staff:S007?date=2019-01-01`);
    await expect
      .poll(() => page.locator('canvas.score-chart').first().getAttribute('data-drawn'))
      .toBe('true');
    const bottom = await page.locator('[data-testid=series] tr.bottom th').allInnerTexts();
    expect(bottom).toEqual(['2018-Q2', '2018-Q3']);
    expect(await page.locator('[data-testid=verdict-value]').first().innerText()).toContain('是');
    const a743 = await page.locator('tr[data-condition="A7.4.3"]').innerText();
    expect(a743).toContain('是 met');
    expect(a743).toContain('2018-Q3');
    expect(await page.locator('[data-testid=facts] > tbody > tr').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-fact="f-2018-07-03-S007-early-leave-1"]').count()).toBe(1);
    await check(page, 'auditor-staff');
  });

  it('reads the same numbers without JavaScript (the table beside the chart)', async () => {
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    await noJs.addCookies((await context.cookies()).map((c) => ({ ...c })));
    const p = await noJs.newPage();
    await p.goto(`${base}/console/subjects/staff:S007?date=2019-01-01`);
    expect(await p.locator('canvas.score-chart').first().getAttribute('data-drawn')).toBeNull();
    expect(await p.locator('[data-testid=series] tr.bottom th').allInnerTexts()).toEqual([
      '2018-Q2',
      '2018-Q3',
    ]);
    await noJs.close();
  });

  it('does not see the draft and gets 403 on it and on publishing', async () => {
    await page.goto(`${base}/console/rules`);
    expect(await page.locator('[data-testid=new-draft]').count()).toBe(0);
    const draft = await page.goto(`${base}/console/rules/draft`);
    expect(draft?.status()).toBe(403);
    expect(await postFrom(page, '/console/rules/publish', { base: 'x', file: 'a.yaml', text: 'x' })).toBe(
      403,
    );
  });
});
