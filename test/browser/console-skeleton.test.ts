/// <reference lib="dom" />
// The console's frame in Chromium: sign-in with a key, navigation by role, the sign-in page and
// home pages pass axe-core, a wrong key is told so, and signing out ends the session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness } from '../console/support.js';
import { launch } from './browser.js';
import { newPage, shoot, signedIn } from './console.js';

let browser: Browser;
let h: ConsoleHarness;

beforeAll(async () => {
  browser = await launch();
  h = await consoleHarness({ facts: false });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('console frame', () => {
  it('signs in with a key and shows the navigation of the role', async () => {
    const page = await newPage(browser, 700);
    await page.goto(`${h.base}/console/decisions`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await shoot(page, 'sign-in');
    await page.fill('#key', 'not-a-known-key-0123456789');
    await page.click('form[action="/console/sign-in"] button');
    await expect.poll(() => page.locator('[data-testid="sign-in-problem"]').count()).toBe(1);
    await page.context().close();

    const auditor = await signedIn(browser, h.base, 'auditor');
    const nav = await auditor.locator('nav a').allTextContents();
    expect(nav.join(' ')).toContain('决定日志');
    await shoot(auditor, 'home-auditor');
    const inspector = await signedIn(browser, h.base, 'inspector');
    expect((await inspector.locator('nav a').allTextContents()).join(' ')).not.toContain('决定日志');
    await inspector.context().close();

    await auditor.click('text=退出 Sign out');
    await auditor.waitForURL(/\/console\/sign-in$/);
    const res = await auditor.goto(`${h.base}/console/decisions`);
    expect(new URL(auditor.url()).pathname).toBe('/console/sign-in');
    expect(res?.status()).toBe(200);
    await auditor.context().close();
  });
});
