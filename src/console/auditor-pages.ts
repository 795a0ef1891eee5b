// The auditor's pages: stored evaluations, one explained down to fact ids, its replay, and one
// subject over time. Each page takes the roles of the API operation it shows: listing and reading
// evaluations (officer, auditor), replaying (auditor), a subject's facts (officer, auditor); the
// verdicts on the subject's page are shown to those who may ask them (GET /v1/verdicts).
import { todayIn } from '../periods/index.js';
import { evaluationPage, evaluationsPage, replayPage, subjectPage } from './auditor-views.js';
import type { ConsolePage } from './page.js';

const given = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? undefined : v.trim();

export const AUDITOR_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/evaluations',
    operation: 'listEvaluations',
    handle: async (ctx) => {
      const filter = { kind: given(ctx.query.get('kind')), period: given(ctx.query.get('period')) };
      return {
        view: 'auditor/evaluations.njk',
        data: await evaluationsPage(ctx.service, filter),
      };
    },
  },
  {
    method: 'get',
    path: '/evaluations/:id',
    operation: 'getEvaluation',
    handle: async (ctx) => {
      const page = await evaluationPage(
        ctx.service,
        String(ctx.req.params.id),
        given(ctx.query.get('subject')),
      );
      return {
        view: 'auditor/evaluation.njk',
        data: { ...page, mayReplay: ctx.may('replayEvaluation') },
      };
    },
  },
  {
    method: 'post',
    path: '/evaluations/:id/replay',
    operation: 'replayEvaluation',
    // Replaying stores nothing, so the outcome is shown at once (posting again replays again).
    handle: async (ctx) => ({
      view: 'auditor/replay.njk',
      data: await replayPage(ctx.service, String(ctx.req.params.id)),
    }),
  },
  {
    method: 'get',
    path: '/subjects',
    operation: 'getFacts',
    handle: (ctx) => {
      const subject = given(ctx.query.get('subject'));
      const date = given(ctx.query.get('date'));
      if (subject) {
        const q = date ? `?date=${encodeURIComponent(date)}` : '';
        return { redirect: `/console/subjects/${encodeURIComponent(subject)}${q}` };
      }
      return { view: 'auditor/subject-pick.njk', data: {} };
    },
  },
  {
    method: 'get',
    path: '/subjects/:subject',
    operation: 'getFacts',
    handle: async (ctx) => {
      const date = given(ctx.query.get('date')) ?? todayIn('UTC', new Date());
      const mayVerdict = ctx.may('getVerdict');
      const asker = {
        name: ctx.viewer.name,
        role: ctx.viewer.roles.includes('auditor') ? 'auditor' : (ctx.viewer.roles[0] ?? 'none'),
      };
      const page = await subjectPage(ctx.service, String(ctx.req.params.subject), date, asker, mayVerdict);
      return {
        view: 'auditor/subject.njk',
        data: { ...page, mayVerdict, chartJson: JSON.stringify(page.charts) },
      };
    },
  },
];
