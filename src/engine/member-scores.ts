// A group's score from its members' scores (a window's score as the mean of its staff's), as an
// option of a score rule: the mean replaces the base, the group's own items still count.

import type { SubjectRef } from '../model/fact.js';
import type { Period } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import { type Context, rosterSpec, rowRoster } from './context.js';
import type { SubjectFacts } from './fact-index.js';

export interface MemberScores {
  mean: number;
  /** member key (kind:id) → its score in the members' evaluation */
  scores: Record<string, number>;
}

/** The mean of the members' scores, or undefined when no member has one. */
export function memberMean(
  ctx: Context,
  spec: NonNullable<RuleOfKind<'score'>['members']>,
  group: SubjectFacts,
  period: Period,
  /** a member's score in the members' evaluation for the same period (given, to keep no cycle) */
  scoreOfMember: (member: SubjectRef) => number | undefined,
): MemberScores | undefined {
  const inner = ctx.evaluations.get(spec.evaluation);
  if (!inner || inner.kind === 'report') return undefined;
  const scores: Record<string, number> = {};
  let sum = 0;
  let n = 0;
  for (const m of ctx.index.groups.get(group.key) ?? []) {
    if (m.subject.kind !== inner.subject) continue;
    // Under roster history a member counts in the group its row names (the period's last day).
    const field = m.rosterSpans ? rosterSpec(ctx, m.subject.kind)?.group : undefined;
    if (field && rowRoster(ctx, m, period)?.data[field] !== group.subject.id) continue;
    const score = scoreOfMember(m.subject);
    if (score === undefined) continue;
    scores[m.key] = score;
    sum += score;
    n++;
  }
  return n === 0 ? undefined : { mean: sum / n, scores };
}
