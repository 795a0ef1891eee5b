// What a round's page needs to know of its procedure: the steps and the role taking each, and
// for a review that amends grades, the grades the rule set knows. Read from the rule set in
// force on the period's first day, or on its first day in force (as the steps themselves are
// checked in rounds.ts).
import { procedureOf } from '../rules/procedure.js';
import type { RuleSet } from '../rules/types.js';
import type { Deps } from './deps.js';
import { checkPeriod } from './input.js';

export interface GradeChoice {
  id: string;
  /** The tier's label in each label set (e.g. civil-servant / contract), and its English name. */
  labels: Record<string, string>;
  en: string;
}

/** The tiers the score rule of `kind` assigns (the choices of a grade amendment). */
function gradesOf(ruleSet: RuleSet, kind: string): GradeChoice[] {
  const score = ruleSet.rules.find(
    (r) => (r.kind === 'score' || r.kind === 'annual-score') && r.evaluation === kind,
  );
  const tiersId =
    score && (score.kind === 'score' || score.kind === 'annual-score') ? score.tiers : undefined;
  const tiers = tiersId ? ruleSet.rulesById.get(tiersId) : undefined;
  if (tiers?.kind !== 'tiers') return [];
  return tiers.tiers.map((t) => ({ id: t.id, labels: t.labels, en: t.en }));
}

/** The procedures of the rule set in force on `date`: one per evaluation kind that has a round. */
export async function proceduresInForce(deps: Deps, date: string) {
  const record = deps.catalog.inForceOrFail(date);
  const evaluator = await deps.catalog.evaluator(record);
  return evaluator.ruleSet.rules
    .filter((r) => r.kind === 'procedure')
    .map((r) => procedureOf(evaluator.ruleSet.rules, (r as { evaluation: string }).evaluation))
    .filter((p) => p !== undefined)
    .map((p) => ({
      kind: p.evaluation,
      notice: p.notice,
      publisher: p.publisher,
      steps: p.steps,
      grades: gradesOf(evaluator.ruleSet, p.evaluation),
    }));
}

/** The procedure of one kind for one period, or null when the rule set in force has none. */
export async function procedureOfRound(deps: Deps, kind: string, period: string) {
  const p = checkPeriod(period, 'period');
  // The version that answers for the period (rounds.ts); straddling effective.from, its first day in force.
  const from = deps.catalog.inForceDuring(p).effective.from;
  const all = await proceduresInForce(deps, from > p.start ? from : p.start);
  return all.find((p) => p.kind === kind) ?? null;
}
