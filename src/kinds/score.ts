// `score`: a score per subject and period from a base, the items of its facts and the rules that
// tally into it, optionally ranked, graded into tiers and decided (engine/evaluations.ts, score.ts).
import { evaluateScore } from '../engine/evaluations.js';
import type { Result } from '../engine/types.js';
import { numberParam, type ParamField, type ReferenceCheck } from '../rules/kind-checks.js';
import { nearest } from '../rules/nearest.js';
import type { RuleOfKind } from '../rules/rule-kinds.js';
import { defineKind } from './kind.js';

export const score = defineKind({
  kind: 'score',
  rules: {
    schema: 'score',
    definesEvaluation: true,
    tagged: false,
    parameters: (rule) => [
      [numberParam('/base'), rule.base],
      [numberParam('/floor'), rule.floor],
      [numberParam('/bonusCap'), rule.bonusCap],
      [numberParam('/population/minDaysOnRoster'), rule.population?.minDaysOnRoster],
      [numberParam('/ceiling'), rule.ceiling],
      ...Object.entries(rule.areaCaps ?? {}).map(([area, p]): [ParamField, string] => [
        numberParam(`/areaCaps/${area}`),
        p,
      ]),
    ],
    references(rule, check) {
      const ranking = check.refRule('/ranking', rule.ranking, 'ranking');
      if (ranking && ranking.evaluation !== rule.evaluation)
        check.err(
          '/ranking',
          'ranking-evaluation',
          `ranking ${ranking.id} ranks ${ranking.evaluation}, not ${rule.evaluation}`,
        );
      check.refRule('/tiers', rule.tiers, 'tiers');
      check.refRule('/decision', rule.decision, 'decision');
      checkOptions(rule, check);
    },
  },
  engine: {
    stage: {
      evaluate: evaluateScore,
      dependsOnCutoff: (_ctx, rule) => rule.decision !== undefined,
    },
  },
  testing: { exercisable: true, exercisedWith: rankedAndGraded },
});

/** The ranking a case's results show ranks by, and the tiers and decision when they show tiers. */
export function rankedAndGraded(
  rule: { ranking?: string; tiers?: string; decision?: string },
  results: readonly Result[],
): string[] {
  const shown: string[] = [];
  for (const ref of ['ranking', 'tiers', 'decision'] as const) {
    const id = rule[ref];
    if (
      typeof id === 'string' &&
      results.some((r) => (ref === 'ranking' ? r.rank !== undefined : r.tier !== undefined))
    )
      shown.push(id);
  }
  return shown;
}

/** The options sibling regulations use: area caps name areas, members a score of the members. */
function checkOptions(rule: RuleOfKind<'score'>, check: ReferenceCheck): void {
  const { err } = check;
  const areas = check.areas();
  for (const area of Object.keys(rule.areaCaps ?? {}))
    if (!areas.has(area))
      err(
        `/areaCaps/${area}`,
        'unknown-tag',
        `area ${area} is not one of ruleset.yaml's areas${nearest(area, areas)}`,
        true,
      );
  if (!rule.members) return;
  const inner = check.evaluation(rule.members.evaluation);
  const kinds = Object.entries(check.rosters())
    .filter(([, r]) => r?.groupKind === rule.subject)
    .map(([k]) => k);
  if (!inner)
    err(
      '/members/evaluation',
      'unknown-evaluation',
      `evaluation ${rule.members.evaluation} is not defined${nearest(rule.members.evaluation, check.evaluations())}`,
    );
  else if (inner.kind === 'report' || !kinds.includes(inner.subject))
    err(
      '/members/evaluation',
      'members-evaluation',
      `${rule.members.evaluation} must score the members of a ${rule.subject} (a roster whose groupKind is ${rule.subject}: ${kinds.join(', ') || 'none'})`,
    );
  else if (inner.cadence !== rule.cadence)
    err(
      '/members/evaluation',
      'members-evaluation',
      `${rule.members.evaluation} is ${inner.cadence}, this score ${rule.cadence}: members are scored over the same period`,
    );
}
