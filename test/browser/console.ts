/// <reference lib="dom" />
// The console in Chromium: one browser per test file (launch() from browser.ts), a signed-in page
// per role, and every page visited checked by axe-core (no serious or critical violation) and
// photographed into test-output/console/ for review (docs/console/, the README's, with CONSOLE_SHOTS=docs).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../src/config/api-keys.js';
import { keyOf } from '../console/support.js';
import { ROOT } from '../http/support.js';
import { seriousViolations } from './browser.js';

// Written under test-output/ (ignored) so a test run leaves the tree clean; CONSOLE_SHOTS=docs
// writes the README's copies in docs/console/ instead.
export const SHOTS =
  process.env.CONSOLE_SHOTS === 'docs' ? join(ROOT, 'docs', 'console') : join(ROOT, 'test-output', 'console');

/**
 * A page in a context of its own (its own cookies). The console's Content-Security-Policy forbids
 * inline scripts; the test bypasses it only to inject axe-core.
 */
export async function newPage(browser: Browser, height = 900): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height },
    locale: 'zh-CN',
    bypassCSP: true,
  });
  return context.newPage();
}

/** A new page signed in as `role` through the sign-in form. */
export async function signedIn(browser: Browser, base: string, role: Role): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`${base}/console/`);
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  await page.fill('#key', keyOf(role));
  await page.click('form[action="/console/sign-in"] button[type="submit"]');
  await page.waitForURL(`${base}/console/`);
  return page;
}

/** axe-core on the page as it stands: nothing serious or critical. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page), page.url()).toEqual([]);
}

/**
 * Checks the page with axe and writes <SHOTS>/<name>.png: the top of the page as the window
 * shows it, or only the element `selector` (e.g. one row with its items open).
 */
export async function shoot(page: Page, name: string, selector?: string): Promise<void> {
  await expectAccessible(page);
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path });
  }
}

/** POSTs a form to `path` from inside the page (same origin, with its cookie), as a crafted form would. */
export async function postFrom(page: Page, path: string, form: Record<string, string>): Promise<number> {
  return page.evaluate(
    async ([p, f]) => {
      const res = await fetch(p, { method: 'POST', body: new URLSearchParams(f), redirect: 'manual' });
      return res.status;
    },
    [path, form] as const,
  );
}
