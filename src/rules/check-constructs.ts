// Checks of the options that sibling regulations use (area caps, member scores, ranked averages):
// what they name must exist and fit the rule that names it.

import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { definesEvaluation } from './kind-checks.js';
import { nearest } from './nearest.js';

export function checkConstructs(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const manifest = c.manifest?.value;
  const areas = new Set(Object.keys(manifest?.areas.values ?? {}));
  const rosters = manifest?.scope.rosters ?? {};
  const byId = new Map(c.rules.map((r) => [r.value.id, r.value]));
  const evaluations = new Map(
    c.rules.flatMap((r) => (definesEvaluation(r.value) ? [[r.value.evaluation, r.value] as const] : [])),
  );
  for (const { value: rule, file, pointer: at } of c.rules) {
    const err = (path: string, code: string, message: string, atKey = false) =>
      errors.push(file.error(`${at}${path}`, code, message, atKey));
    if (rule.kind === 'score') {
      for (const area of Object.keys(rule.areaCaps ?? {}))
        if (!areas.has(area))
          err(
            `/areaCaps/${area}`,
            'unknown-tag',
            `area ${area} is not one of ruleset.yaml's areas${nearest(area, areas)}`,
            true,
          );
      if (rule.members) {
        const inner = evaluations.get(rule.members.evaluation);
        const kinds = Object.entries(rosters)
          .filter(([, r]) => r?.groupKind === rule.subject)
          .map(([k]) => k);
        if (!inner)
          err(
            '/members/evaluation',
            'unknown-evaluation',
            `evaluation ${rule.members.evaluation} is not defined${nearest(rule.members.evaluation, evaluations.keys())}`,
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
    }
    if (rule.kind === 'annual-score' && rule.ranking) {
      const ranking = byId.get(rule.ranking);
      if (!ranking)
        err(
          '/ranking',
          'unknown-rule',
          `rule ${rule.ranking} does not exist${nearest(rule.ranking, byId.keys())}`,
        );
      else if (ranking.kind !== 'ranking')
        err(
          '/ranking',
          'wrong-rule-kind',
          `rule ${rule.ranking} is a ${ranking.kind} rule, a ranking rule is needed here`,
        );
      else if (ranking.evaluation !== rule.evaluation)
        err(
          '/ranking',
          'ranking-evaluation',
          `ranking ${ranking.id} ranks ${ranking.evaluation}, not ${rule.evaluation}`,
        );
    }
  }
  return errors;
}
