// Competition ranking (1 = best; equal scores share a rank: 1, 2, 2, 4), the top group when the
// ranking has one (top-group.ts), and the bottom group: the N lowest scores, ties at the cut per
// the tie policy, nobody at or above the base score when the exemption holds. Output order: rank,
// then subject id.
import type { Period } from '../periods/index.js';
import { TIE_POLICIES } from '../rules/choices.js';
import type { RuleOfKind } from '../rules/types.js';
import type { Context } from './context.js';
import type { UsedParameters } from './params.js';
import { markTopGroup } from './top-group.js';
import type { Result } from './types.js';

export function rank(
  ctx: Context,
  rule: RuleOfKind<'ranking'>,
  results: Result[],
  base: number,
  period: Period,
): UsedParameters {
  const used: UsedParameters = {};
  const sorted = [...results].sort(
    (a, b) =>
      (b.score ?? 0) - (a.score ?? 0) ||
      (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0),
  );
  sorted.forEach((r, i) => {
    const previous = sorted[i - 1];
    r.rank = previous && previous.score === r.score ? (previous.rank as number) : i + 1;
  });
  if (rule.bottomGroup) markBottomGroup(ctx, rule.bottomGroup, sorted, base, period, used);
  if (rule.topGroup) markTopGroup(ctx, rule.topGroup, sorted, period, used);
  results.splice(0, results.length, ...sorted);
  return used;
}

function markBottomGroup(
  ctx: Context,
  spec: NonNullable<RuleOfKind<'ranking'>['bottomGroup']>,
  sorted: Result[],
  base: number,
  period: Period,
  used: UsedParameters,
): void {
  const size = ctx.params.number(spec.size, period.start, used);
  const ties = ctx.params.choice(spec.ties, period.start, TIE_POLICIES, used);
  const exempt = ctx.params.boolean(spec.exemptAtOrAboveBase, period.start, used);
  const ascending = [...sorted].reverse();
  const members = new Set<Result>();
  if (size > 0 && ascending.length > 0) {
    const cut = (ascending[Math.min(size, ascending.length) - 1] as Result).score ?? 0;
    const atOrBelow = ascending.filter((r) => (r.score ?? 0) <= cut);
    const chosen =
      ties === 'exclude-all' && atOrBelow.length > size
        ? ascending.filter((r) => (r.score ?? 0) < cut)
        : atOrBelow;
    for (const r of chosen) if (!exempt || (r.score ?? 0) < base) members.add(r);
  }
  for (const r of sorted) r.bottomGroup = members.has(r);
}
