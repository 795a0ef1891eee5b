// One round: its status, history and publications, the results of its current evaluation with
// the items and fact ids behind each score, and the form of the step that is due — shown only to
// the role the procedure names for it. Posting a step is the API's call with the viewer's roles.
import { nextStep, type RoundStatus } from '../service/round-state.js';
import { amendmentsOf, caller, noteOf } from './forms.js';
import type { ConsolePage, PageContext } from './page.js';

const roundPath = (id: string) => `/console/rounds/${encodeURIComponent(id)}`;
const idOf = (ctx: PageContext) => String(ctx.req.params.id);

/** The step that is due and whether this viewer takes it (the procedure's role for it). */
async function dueStep(ctx: PageContext, round: { kind: string; period: string; status: RoundStatus }) {
  const procedure = await ctx.service.roundProcedure(round.kind, round.period);
  if (!procedure) return { procedure: null, step: null, mine: false };
  const step = nextStep(procedure, round.status);
  const operation = { propose: 'proposeRound', review: 'reviewRound', publish: 'publishRound' }[step.step];
  const mine = ctx.may(operation) && ctx.viewer.roles.some((r) => r === step.role);
  // A grade's words in every label set it has (基本称职 / 基本合格), for the amendment's choice.
  const grades = procedure.grades.map((g) => ({
    ...g,
    zh: [...new Set(Object.values(g.labels))].join(' / '),
  }));
  return { procedure: { ...procedure, grades }, step, mine };
}

/** The fields of an evaluation result the page shows (docs/api.md, "Evaluations"). */
interface Result {
  subject: { kind: string; id: string };
  rank?: number;
  score?: number;
  bottomGroup?: boolean;
  tier?: { id: string; label: string; decided: boolean; proposed?: { id: string; label: string } };
  items: {
    provision: string;
    rule: string;
    code?: string;
    effect?: string;
    points?: number;
    count?: number;
    factIds: string[];
    factCount?: number;
  }[];
}

type NoticeRow = Awaited<ReturnType<PageContext['service']['draftNotice']>>['rows'][number];

/**
 * A result as the page shows it: the cells its notice would have (name, window, score, items as
 * the notice words them; rows come in the results' order) and the items with their fact ids.
 */
function resultRow(r: Result, row: NoticeRow | undefined) {
  return {
    subject: `${r.subject.kind}:${r.subject.id}`,
    id: r.subject.id,
    name: row?.cells.find((c) => c.field === 'name')?.text || r.subject.id,
    bottomGroup: r.bottomGroup === true,
    tier: r.tier,
    cells: (row?.cells ?? []).filter((c) => c.field !== 'index'),
    items: r.items,
  };
}

export const ROUND_STEP_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/rounds/:id',
    operation: 'getRound',
    handle: async (ctx) => {
      const round = await ctx.service.getRound(idOf(ctx));
      const due = await dueStep(ctx, round);
      const evaluation = ctx.may('getEvaluation') ? await ctx.service.getEvaluation(round.evaluation) : null;
      const notice = evaluation ? await ctx.service.draftNotice(evaluation.id) : null;
      return {
        view: 'round.njk',
        data: {
          round,
          due,
          evaluation: evaluation && {
            id: evaluation.id,
            asOf: evaluation.asOf,
            ruleset: evaluation.ruleset,
            columns: notice?.columns.filter((c) => c.field !== 'index') ?? [],
            results: (evaluation.results as Result[]).map((r, i) => resultRow(r, notice?.rows[i])),
          },
          canDrift: round.publications.length > 0 && ctx.may('roundDrift'),
        },
      };
    },
  },
  {
    method: 'get',
    path: '/rounds/:id/drift',
    operation: 'roundDrift',
    handle: async (ctx) => {
      const round = await ctx.service.getRound(idOf(ctx));
      const drift = await ctx.service.roundDrift(round.id);
      const due = await dueStep(ctx, round);
      return { view: 'drift.njk', data: { round, drift, due } };
    },
  },
  {
    method: 'post',
    path: '/rounds/:id/review',
    operation: 'reviewRound',
    handle: async (ctx) => {
      const amendments = amendmentsOf(ctx);
      const round = await ctx.service.reviewRound(caller(ctx), idOf(ctx), {
        decision: ctx.form.decision,
        ...noteOf(ctx),
        ...(amendments.length > 0 ? { amendments } : {}),
      });
      return { redirect: roundPath(round.id) };
    },
  },
  {
    method: 'post',
    path: '/rounds/:id/propose',
    operation: 'proposeRound',
    handle: async (ctx) => {
      const round = await ctx.service.proposeRound(caller(ctx), idOf(ctx), noteOf(ctx));
      return { redirect: roundPath(round.id) };
    },
  },
  {
    method: 'post',
    path: '/rounds/:id/publish',
    operation: 'publishRound',
    handle: async (ctx) => {
      const round = await ctx.service.publishRound(caller(ctx), idOf(ctx), noteOf(ctx));
      return { redirect: roundPath(round.id) };
    },
  },
];
