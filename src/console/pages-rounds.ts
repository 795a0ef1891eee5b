// 督查部 and 考核小组: the list of rounds with the form that opens one, and each round with its
// results and the step that is due. Every action is the API's: the same service call with the
// viewer's name and roles, so the procedure's role check (403) and order check (409) are its own.
import { parsePeriod } from '../periods/index.js';
import { invalid } from '../service/errors.js';
import { blank, caller, noteOf } from './forms.js';
import type { ConsolePage } from './page.js';

export const ROUND_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/rounds',
    operation: 'listRounds',
    handle: async (ctx) => {
      const { service, query } = ctx;
      const period = query.get('period');
      const filter = {
        kind: blank(query.get('kind')) ? undefined : (query.get('kind') as string),
        period: blank(period) ? undefined : parsePeriod(period)?.id,
        status: blank(query.get('status')) ? undefined : (query.get('status') as string),
      };
      if (!blank(period) && filter.period === undefined)
        throw invalid('invalid-parameter', `period must be a period id such as 2018-Q3 (got ${period})`);
      const { rounds } = await service.listRounds(filter);
      // The form offers the kinds whose first step (propose) this viewer's role takes.
      const procedures = await service.procedures();
      const openable = ctx.may('postRound')
        ? procedures.filter((p) => ctx.viewer.roles.some((r) => r === p.steps[0]?.role))
        : [];
      return {
        view: 'rounds.njk',
        data: {
          rounds: [...rounds].sort(
            (a, b) => b.period.localeCompare(a.period) || a.kind.localeCompare(b.kind),
          ),
          filter: { kind: query.get('kind') ?? '', period: period ?? '', status: query.get('status') ?? '' },
          kinds: procedures.map((p) => p.kind),
          titles: Object.fromEntries(procedures.map((p) => [p.kind, p.notice.zh])),
          openable,
        },
      };
    },
  },
  {
    method: 'post',
    path: '/rounds',
    operation: 'postRound',
    handle: async (ctx) => {
      const round = await ctx.service.createRound(caller(ctx), {
        kind: ctx.form.kind,
        period: ctx.form.period?.trim(),
        ...noteOf(ctx),
      });
      return { redirect: `/console/rounds/${encodeURIComponent(round.id)}` };
    },
  },
];
