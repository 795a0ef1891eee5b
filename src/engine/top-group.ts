// The top group of a ranking (服务标兵, 年度表彰): the best N, or the best share of those ranked
// (rounded up), with the subjects tied at the cut all in (include-all) or all out (exclude-all).
import type { Period } from '../periods/index.js';
import { TIE_POLICIES } from '../rules/choices.js';
import type { RuleOfKind } from '../rules/types.js';
import type { Context } from './context.js';
import type { UsedParameters } from './params.js';
import type { Result } from './types.js';

/** Marks `topGroup` on results sorted best first. */
export function markTopGroup(
  ctx: Context,
  spec: NonNullable<RuleOfKind<'ranking'>['topGroup']>,
  sorted: Result[],
  period: Period,
  used: UsedParameters,
): void {
  const size =
    spec.share !== undefined
      ? Math.ceil(ctx.params.number(spec.share, period.start, used) * sorted.length - 1e-9)
      : ctx.params.number(spec.size ?? '', period.start, used);
  const ties = spec.ties ? ctx.params.choice(spec.ties, period.start, TIE_POLICIES, used) : 'include-all';
  const members = new Set<Result>();
  if (size > 0 && sorted.length > 0) {
    const cut = (sorted[Math.min(size, sorted.length) - 1] as Result).score ?? 0;
    const atOrAbove = sorted.filter((r) => (r.score ?? 0) >= cut);
    const chosen =
      ties === 'exclude-all' && atOrAbove.length > size
        ? sorted.filter((r) => (r.score ?? 0) > cut)
        : atOrAbove;
    for (const r of chosen) members.add(r);
  }
  for (const r of sorted) r.topGroup = members.has(r);
}
