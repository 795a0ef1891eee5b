// `condition`: one condition of a verdict — measures over the subject's history (streaks, events,
// latest results: engine/measures.ts) and a json-rules-engine `when` over them (engine/verdict.ts).
import { conditionFacts } from '../rules/check-references.js';
import type { Choice } from '../rules/choices.js';
import { WINDOW_MODES } from '../rules/choices.js';
import { numberParam, type ParamField, stringParam } from '../rules/kind-checks.js';
import { defineKind } from './kind.js';

const modes: Choice = { values: WINDOW_MODES, what: 'a window mode' };

export const condition = defineKind({
  kind: 'condition',
  rules: {
    schema: 'condition-rule',
    tagged: false,
    parameters: (rule) =>
      Object.entries(rule.measures).flatMap(([name, spec]): [ParamField, string | undefined][] => {
        const body = Object.values(spec)[0] as { months?: string; mode?: string; evaluation?: unknown };
        const kind = Object.keys(spec)[0];
        const ev = body.evaluation;
        const evaluation: Choice = {
          evaluation: kind === 'streak' ? 'ranked' : kind === 'latestResult' ? 'tiered' : 'any',
        };
        return [
          [numberParam(`/measures/${name}/${kind}/months`), body.months],
          [stringParam(`/measures/${name}/${kind}/mode`, modes), body.mode],
          [
            stringParam(`/measures/${name}/${kind}/evaluation/param`, evaluation),
            ev && typeof ev === 'object' ? (ev as { param: string }).param : undefined,
          ],
        ];
      }),
    references(rule, check) {
      const { err } = check;
      check.refRule('/verdict', rule.verdict, 'verdict');
      for (const [name, spec] of Object.entries(rule.measures)) {
        const [kind, body] = Object.entries(spec)[0] as [string, Record<string, unknown>];
        const path = `/measures/${name}/${kind}`;
        if (typeof body.evaluation === 'string') {
          const target = check.refEvaluation(`${path}/evaluation`, body.evaluation);
          if (target && kind === 'streak' && !(target.kind === 'score' && target.ranking))
            err(
              `${path}/evaluation`,
              'streak-evaluation',
              `a bottom-group streak needs a ranked score evaluation; ${body.evaluation} is not ranked`,
            );
          if (target && kind === 'latestResult' && (target.kind === 'report' || !target.tiers))
            err(
              `${path}/evaluation`,
              'latest-result-evaluation',
              `latestResult needs an evaluation with tiers; ${body.evaluation} has none`,
            );
        }
        if (typeof body.factType === 'string') check.factType(`${path}/factType`, body.factType);
        const after = body.after as { factType: string } | undefined;
        if (after) check.factType(`${path}/after/factType`, after.factType);
        if (kind === 'streak' && body.run === 'window' && (!body.months || !body.mode))
          err(path, 'streak-window', 'a window streak needs months and mode', true);
      }
      for (const [path, fact] of conditionFacts(rule.when, '/when')) {
        if (!(fact in rule.measures))
          err(
            `${path}/fact`,
            'unknown-measure',
            `fact ${fact} is not one of this condition's measures (${Object.keys(rule.measures).join(', ')})`,
          );
      }
    },
  },
  engine: {
    // Verdict events (and what they must follow) are read one by one.
    recordedFactTypes: (rule) =>
      Object.values(rule.measures).flatMap((spec) =>
        'events' in spec
          ? [spec.events.factType, ...(spec.events.after ? [spec.events.after.factType] : [])]
          : [],
      ),
  },
  testing: { exercisable: true, twoCases: true },
});
