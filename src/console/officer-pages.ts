// The policy officer's pages: the rule set as the measures read, two versions compared, a draft
// checked and published. Each page stands for the API operation whose roles it takes: reading
// provisions (everyone), the impact report and the draft check (officer), publishing (officer).
import { todayIn } from '../periods/index.js';
import { checkDraft, type DraftInput, draftForm, publishDraft } from './officer-draft.js';
import { comparePage, provisionPage, provisionsPage } from './officer-views.js';
import type { ConsolePage, PageContext } from './page.js';

const given = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? undefined : v.trim();

function draftInput(ctx: PageContext): DraftInput {
  return {
    base: ctx.form.base ?? '',
    file: (ctx.form.file ?? '').trim(),
    text: ctx.form.text ?? '',
    from: given(ctx.form.from),
    to: given(ctx.form.to),
  };
}

export const OFFICER_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/rules',
    operation: 'listProvisions',
    handle: async (ctx) => ({
      view: 'officer/provisions.njk',
      data: {
        ...(await provisionsPage(ctx.service, given(ctx.query.get('version')))),
        mayDraft: ctx.may('validateRuleset'),
        mayCompare: ctx.may('rulesetImpact'),
      },
    }),
  },
  {
    method: 'get',
    path: '/rules/provisions/:id',
    operation: 'listProvisions',
    handle: async (ctx) => {
      const id = String(ctx.req.params.id);
      const today = todayIn('UTC', new Date());
      const page = await provisionPage(ctx.service, id, given(ctx.query.get('version')), today);
      if (!page)
        return {
          view: 'error.njk',
          status: 404,
          data: { status: 404, code: 'provision-not-found', message: `no provision ${id} in this version` },
        };
      return { view: 'officer/provision.njk', data: { ...page, today } };
    },
  },
  {
    method: 'get',
    path: '/rules/compare',
    operation: 'rulesetImpact',
    handle: async (ctx) => {
      const q = (name: string) => given(ctx.query.get(name));
      const query = { current: q('current'), revision: q('revision'), kind: q('kind'), period: q('period') };
      return {
        view: 'officer/compare.njk',
        data: await comparePage(ctx.service, query),
      };
    },
  },
  {
    method: 'get',
    path: '/rules/draft',
    operation: 'validateRuleset',
    handle: async (ctx) => ({
      view: 'officer/draft.njk',
      data: {
        form: await draftForm(ctx.service, given(ctx.query.get('base')), given(ctx.query.get('file'))),
        checked: null,
        mayPublish: ctx.may('publishRuleset'),
      },
    }),
  },
  {
    method: 'post',
    path: '/rules/draft',
    operation: 'validateRuleset',
    handle: async (ctx) => {
      const input = draftInput(ctx);
      const form = await draftForm(ctx.service, input.base || undefined, input.file);
      // The impact report stands for its own operation: shown only to those who may ask it.
      const checked = await checkDraft(ctx.service, input, undefined, ctx.may('rulesetImpact'));
      return {
        view: 'officer/draft.njk',
        data: {
          form: { ...form, file: input.file, text: input.text },
          checked,
          mayPublish: ctx.may('publishRuleset'),
        },
      };
    },
  },
  {
    method: 'post',
    path: '/rules/publish',
    operation: 'publishRuleset',
    handle: async (ctx) => {
      const outcome = await publishDraft(ctx.service, draftInput(ctx));
      return { view: 'officer/published.njk', data: { outcome } };
    },
  },
];
