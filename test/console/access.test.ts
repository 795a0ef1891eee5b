// The console's gate without a browser: sign-in keeps the key in an HttpOnly SameSite=Strict
// session cookie, each page needs the roles of its API operation (403 otherwise), a POST from
// another origin is refused, and with no keys configured everyone has every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, keyOf } from './support.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await consoleHarness({ facts: false });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const get = (path: string, cookie?: string) =>
  fetch(h.base + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (path: string, form: Record<string, string>, cookie?: string, origin = h.base) =>
  fetch(h.base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });

async function signIn(key: string): Promise<string> {
  const res = await post('/console/sign-in', { key, next: '/console/rounds' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/console/rounds');
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/; HttpOnly/);
  expect(cookie).toMatch(/; SameSite=Strict/);
  expect(cookie).not.toMatch(/Max-Age|Expires/); // a session cookie
  return cookie.split(';')[0] as string;
}

describe('console access with API keys', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const res = await get('/console/rounds');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Frounds');
  });

  it('refuses an unknown key with 401 and sets no cookie', async () => {
    const res = await post('/console/sign-in', { key: 'not-a-known-key-0123456789' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('未知的 API 密钥');
  });

  it('shows a page to the roles of its API operation and 403 to the others', async () => {
    const auditor = await signIn(keyOf('auditor'));
    const inspector = await signIn(keyOf('inspector'));
    expect((await get('/console/decisions', auditor)).status).toBe(200);
    const refused = await get('/console/decisions', inspector);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('listDecisions needs the role auditor');
    // The inspector's navigation has no decision log; the auditor's has.
    expect(await (await get('/console/', inspector)).text()).not.toContain('href="/console/decisions"');
    expect(await (await get('/console/', auditor)).text()).toContain('href="/console/decisions"');
  });

  it('answers 403 to a role that posts an action it may not take', async () => {
    const auditor = await signIn(keyOf('auditor'));
    const res = await post('/console/rounds', { kind: 'staff-quarter', period: '2018-Q3' }, auditor);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('postRound needs the role inspector or assessment-group');
    expect((await h.service.listRounds({})).rounds).toEqual([]);
  });

  it('refuses a POST from another origin, even with the cookie', async () => {
    const inspector = await signIn(keyOf('inspector'));
    const res = await post(
      '/console/rounds',
      { kind: 'staff-quarter', period: '2018-Q3' },
      inspector,
      'http://evil.example',
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('cross-site');
    expect((await h.service.listRounds({})).rounds).toEqual([]);
  });

  it('refuses a POST that names no origin at all, and accepts a same-site Referer instead', async () => {
    const inspector = await signIn(keyOf('inspector'));
    const bare = await fetch(`${h.base}/console/rounds`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: inspector },
      body: 'kind=staff-quarter&period=2018-Q3',
    });
    expect(bare.status).toBe(403);
    const referred = await fetch(`${h.base}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: inspector, referer: `${h.base}/console/rounds` },
    });
    expect(referred.status).toBe(303);
  });

  it('answers an unknown console page with a 404 page', async () => {
    const auditor = await signIn(keyOf('auditor'));
    const res = await get('/console/no-such-page', auditor);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('no console page /no-such-page');
  });

  it('turns a review form into the API body: a points amendment with its reason, or the API 422 naming the field', async () => {
    const inspector = await signIn(keyOf('inspector'));
    const group = await signIn(keyOf('assessment-group'));
    const opened = await post('/console/rounds', { kind: 'staff-year', period: '2018' }, inspector);
    expect(opened.headers.get('location')).toBe('/console/rounds/rd-staff-year-2018');
    const review = (points: string) =>
      post(
        '/console/rounds/rd-staff-year-2018/review',
        {
          decision: 'approve',
          subject: 'staff:S001',
          'points:staff:S001': points,
          'reason:staff:S001': '年度评议',
        },
        group,
      );
    const bad = await review('two');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('amendments[0].points must be a number');
    expect((await review('2')).status).toBe(303);
    const step = (await h.service.getRound('rd-staff-year-2018')).history.at(-1);
    expect(step?.amendments).toEqual([
      expect.objectContaining({ subject: 'staff:S001', points: 2, reason: '年度评议' }),
    ]);
  });

  it('signs out by clearing the cookie', async () => {
    const cookie = await signIn(keyOf('auditor'));
    const res = await post('/console/sign-out', {}, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^kaohe_console=; .*Max-Age=0/);
  });

  it('never sends a visitor elsewhere after signing in', async () => {
    const res = await post('/console/sign-in', { key: keyOf('auditor'), next: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/console/');
  });

  it('serves its assets itself', async () => {
    const css = await get('/console/assets/console.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect((await get('/console/assets/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('console access with no API keys', () => {
  let open: ConsoleHarness;
  beforeAll(async () => {
    open = await consoleHarness({ keys: [], facts: false });
  }, 60_000);
  afterAll(async () => {
    await open?.close();
  });

  it('gives every visitor every role, with no sign-in', async () => {
    const res = await fetch(`${open.base}/console/decisions`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const home = await (await fetch(`${open.base}/console/`)).text();
    expect(home).toContain('href="/console/rounds"');
    expect(home).toContain('href="/console/decisions"');
  });
});
