// Tiers from a score (best first, lowest bound inclusive), labels from the subject's label set,
// and the decision fact that can replace the computed tier.

import type { StoredFact } from '../model/fact.js';
import type { Period } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import { type Context, rowRoster } from './context.js';
import type { SubjectFacts } from './fact-index.js';
import { compareLatest } from './fact-order.js';
import type { UsedParameters } from './params.js';
import type { TierResult } from './types.js';

type TiersRule = RuleOfKind<'tiers'>;

// Label set names per tiers rule: asked once per result, listed once.
const labelSetsOf = new WeakMap<TiersRule, string[]>();

/** The label set the roster fact names (e.g. the staff category), else the rule's default. */
export function labelSetOf(rule: TiersRule, roster: StoredFact | undefined): string {
  let sets = labelSetsOf.get(rule);
  if (!sets) {
    sets = Object.keys(rule.tiers[0]?.labels ?? {});
    labelSetsOf.set(rule, sets);
  }
  const wanted = rule.labelSetField && roster ? roster.data[rule.labelSetField] : undefined;
  if (typeof wanted === 'string' && sets.includes(wanted)) return wanted;
  return rule.defaultLabelSet ?? sets[0] ?? '';
}

export function proposedTier(
  ctx: Context,
  rule: TiersRule,
  score: number,
  period: Period,
  used: UsedParameters,
) {
  for (const tier of rule.tiers) {
    if (tier.min === undefined || score >= ctx.params.number(tier.min, period.start, used)) return tier;
  }
  return rule.tiers[rule.tiers.length - 1] as TiersRule['tiers'][number];
}

/** The tier result, with a decision (latest, occurred before `beforeDate` when given) applied. */
export function tierResult(
  ctx: Context,
  rule: TiersRule,
  decisionRuleId: string | undefined,
  s: SubjectFacts,
  score: number,
  period: Period,
  used: UsedParameters,
  beforeDate?: string,
): { tier: TierResult; decisionFactId?: string; ignoredDecision?: string } {
  const set = labelSetOf(rule, rowRoster(ctx, s, period));
  const proposed = proposedTier(ctx, rule, score, period, used);
  const proposedOut = { id: proposed.id, label: proposed.labels[set] ?? proposed.id };
  const decisionRule = decisionRuleId ? ctx.ruleSet.rulesById.get(decisionRuleId) : undefined;
  // Literals, not `{ ...proposedOut, decided }`: a spread then an added property, once per result.
  const undecided = () => ({ tier: { id: proposedOut.id, label: proposedOut.label, decided: false } });
  if (decisionRule?.kind !== 'decision') return undecided();
  // The latest decision about this period; most subjects have none, so nothing is listed.
  let decision: StoredFact | undefined;
  for (const { fact: f } of s.records.get(decisionRule.factType) ?? []) {
    if (f.data[decisionRule.periodField] !== period.id) continue;
    if (beforeDate !== undefined && f.occurredOn >= beforeDate) continue;
    if (!decision || compareLatest(f, decision) > 0) decision = f;
  }
  if (!decision) return undecided();
  const grade = String(decision.data[decisionRule.gradeField] ?? '');
  const tier = rule.tiers.find((t) => t.id === grade || Object.values(t.labels).includes(grade));
  if (!tier)
    return {
      ...undecided(),
      ignoredDecision: `${decision.id}: grade ${grade} is not a tier of ${rule.id}`,
    };
  return {
    tier: { id: tier.id, label: tier.labels[set] ?? tier.id, decided: true, proposed: proposedOut },
    decisionFactId: decision.id,
  };
}
