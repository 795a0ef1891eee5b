// Signing in and out, and the home page (who you are, what you may do). Signing in checks the
// key exactly as the API does and keeps it in the session cookie; open mode needs no sign-in.
import { NAV } from './nav.js';
import type { ConsolePage, PageContext } from './page.js';
import { forgetKey, keepKey } from './session.js';

/** A `next` that stays inside the console (never another site: //evil.example or https://…). */
export function safeNext(value: string | null | undefined): string {
  return value && /^\/console(\/[^/\\]|\/?$|\?)/.test(value) && !value.includes('\\') ? value : '/console/';
}

/** problem: 'no-key' or 'unknown-key' (sign-in.njk words them). */
const signInView = (ctx: PageContext, status = 200, problem?: string) => ({
  view: 'sign-in.njk',
  status,
  data: { next: safeNext(ctx.query.get('next') ?? ctx.form.next), problem, open: ctx.open },
});

export const SESSION_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/sign-in',
    operation: null,
    handle: (ctx) => signInView(ctx),
  },
  {
    method: 'post',
    path: '/sign-in',
    operation: null,
    handle: (ctx) => {
      const key = (ctx.form.key ?? '').trim();
      if (ctx.open) return { redirect: safeNext(ctx.form.next) };
      if (key === '') return signInView(ctx, 400, 'no-key');
      if (!ctx.identify(key)) return signInView(ctx, 401, 'unknown-key');
      keepKey(ctx.req, ctx.res, key);
      return { redirect: safeNext(ctx.form.next) };
    },
  },
  {
    method: 'post',
    path: '/sign-out',
    operation: null,
    handle: (ctx) => {
      forgetKey(ctx.req, ctx.res);
      return { redirect: '/console/sign-in' };
    },
  },
  {
    method: 'get',
    path: '/',
    operation: null,
    handle: (ctx) => {
      if (!ctx.open && !ctx.viewer.signedIn) return { redirect: '/console/sign-in' };
      return {
        view: 'home.njk',
        data: { areas: NAV.filter((n) => ctx.may(n.operation)) },
      };
    },
  },
];
