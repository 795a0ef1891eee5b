/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The published notices in a real browser (headless Chromium): every kind's table rows equal its
// evaluation's results, Chinese renders with a CJK font, the page prints on A4 with no column cut
// off, axe-core finds no serious or critical violation, and a roster name that is HTML stays text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { Fact } from '../../src/model/fact.js';
import { KaoheService } from '../../src/service/kaohe-service.js';
import { openStore } from '../../src/store/open.js';
import { centreFacts, ROOT, RULES_DIR, testClock } from '../http/support.js';
import { launch, renderedFonts, seriousViolations } from './browser.js';

const SHOTS = join(ROOT, 'test-output', 'notices');
const XSS = '<img src=x onerror=alert(1)>';

const ROUNDS: [kind: string, period: string, review: boolean][] = [
  ['staff-half-month-attendance', '2018-07-H1', false],
  ['staff-month-circular', '2018-07', false],
  ['staff-quarter', '2018-Q3', true],
  ['staff-year', '2018', true],
  ['window-quarter', '2018-Q3', true],
  ['window-year', '2018', true],
];

interface ResultLike {
  subject: { kind: string; id: string };
  rank?: number;
  score?: number;
  bottomGroup?: boolean;
  tier?: { id: string };
}

let browser: Browser;
let server: Server;
let base: string;
let service: KaoheService;
const evaluations = new Map<string, ResultLike[]>();

beforeAll(async () => {
  browser = await launch(); // throws (the suite fails) when Chromium cannot start
  mkdirSync(SHOTS, { recursive: true });
  const clock = testClock('2020-01-01T00:00:00.000Z');
  const store = await openStore({ dataDir: ':memory:', now: clock.now });
  service = new KaoheService({ store, rulesDir: RULES_DIR, logger: memoryLogger('error'), now: clock.now });
  await service.start();
  const facts = centreFacts();
  for (let i = 0; i < facts.length; i += 5000) {
    await service.postFacts({ facts: facts.slice(i, i + 5000) });
    clock.advance(1000);
  }
  // A roster name that is HTML: it must reach the page as text.
  const s001 = facts.find((f) => f.type === 'roster.staff' && f.subject.id === 'S001') as Fact;
  await service.postFacts({
    ...s001,
    id: 'roster-S001-renamed',
    occurredOn: '2018-02-01',
    data: { ...s001.data, name: XSS },
  });
  clock.advance(60_000);
  const everyone = { name: 'browser test', roles: ['inspector', 'assessment-group'] };
  for (const [kind, period, review] of ROUNDS) {
    const round = await service.createRound(everyone, { kind, period });
    if (review) await service.reviewRound(everyone, round.id, { decision: 'approve' });
    const published = await service.publishRound(everyone, round.id, {});
    const evaluation = await service.getEvaluation(published.publication.evaluation);
    evaluations.set(published.publication.id, evaluation.results as ResultLike[]);
    clock.advance(1000);
  }
  server = createServer(createApp({ service, auth: [], logger: memoryLogger('error') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await service?.close();
});

const MM = 96 / 25.4;

describe.each(ROUNDS.map(([kind, period]) => [`${kind}-${period}-1`]))('notice %s', (id) => {
  let page: Page;
  const dialogs: string[] = [];
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(`${base}/p/${id}`);
    expect(res?.status()).toBe(200);
  });
  afterAll(async () => {
    await page.close();
  });

  it('has one row per result, in order, with rank, score, bottom group and tier as data-value', async () => {
    const rows = await page.$$eval('tr[data-subject]', (trs) =>
      trs.map((tr) => ({
        subject: tr.getAttribute('data-subject'),
        values: Object.fromEntries(
          [...tr.querySelectorAll('td[data-value]')].map((td) => [
            td.getAttribute('data-field'),
            td.getAttribute('data-value'),
          ]),
        ),
      })),
    );
    const results = evaluations.get(id) ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.subject)).toEqual(results.map((r) => `${r.subject.kind}:${r.subject.id}`));
    rows.forEach((row, i) => {
      const r = results[i] as ResultLike;
      const expected: Record<string, string> = {};
      if (r.rank !== undefined) expected.rank = JSON.stringify(r.rank);
      if (r.score !== undefined) expected.score = JSON.stringify(r.score);
      if (r.bottomGroup !== undefined) expected['bottom-group'] = String(r.bottomGroup);
      if (r.tier) expected.tier = r.tier.id;
      const { 'proposed-tier': _proposed, ...values } = row.values as Record<string, string>;
      expect(values, row.subject ?? '').toEqual(expected);
    });
  });

  it('draws its Chinese with a CJK font', async () => {
    expect(await page.locator('h1').innerText()).toMatch(/[\u4e00-\u9fff]/);
    const fonts = await renderedFonts(page, 'h1');
    expect(
      fonts.some((f) => /CJK|Han Sans|Han Serif/i.test(f)),
      fonts.join(', '),
    ).toBe(true);
  });

  it('prints on A4 with no column cut off', async () => {
    const wide = await page.$eval('main', (m) => m.classList.contains('wide'));
    const widthMm = wide ? 297 - 20 : 210 - 20; // the printable width of notice.css's @page
    const print = await browser.newPage({ viewport: { width: Math.floor(widthMm * MM), height: 1000 } });
    await print.emulateMedia({ media: 'print' });
    await print.goto(`${base}/p/${id}`);
    const overflow = await print.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const table = document.querySelector('table') as HTMLTableElement;
      const cut = [...document.querySelectorAll('th, td')].filter(
        (c) => c.getBoundingClientRect().right > limit + 0.5 || c.scrollWidth > c.clientWidth + 1,
      );
      return { right: table.getBoundingClientRect().right, limit, cut: cut.length };
    });
    expect(overflow.right).toBeLessThanOrEqual(overflow.limit + 0.5);
    expect(overflow.cut).toBe(0);
    const pdf = await print.pdf({ preferCSSPageSize: true, printBackground: true });
    await print.close();
    writeFileSync(join(SHOTS, `${id}.pdf`), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    const [w, h] = [Number(box?.[1]), Number(box?.[2])].map((pt) => Math.round((pt / 72) * 25.4));
    expect(wide ? [w, h] : [w, h]).toEqual(wide ? [297, 210] : [210, 297]);
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows an HTML roster name as text and runs no script from it', async () => {
    await page.screenshot({ path: join(SHOTS, `${id}.png`), fullPage: false });
    const row = page.locator('tr[data-subject="staff:S001"]');
    if ((await row.count()) === 0) return; // a window notice has no staff rows
    expect(await row.locator('td[data-field="name"]').innerText()).toBe(XSS);
    expect(await page.locator('td img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
