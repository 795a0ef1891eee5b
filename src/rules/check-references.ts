// Reference checks: finding codes, fact types, tags, evaluations and rules named by other rules
// must exist and fit together. What each kind names is checked by its module (src/kinds/).

import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { factContract, findingAllowed } from './fact-contract.js';
import { checksOf, definesEvaluation } from './kind-checks.js';
import { nearest } from './nearest.js';
import type { EvaluationRule } from './rule-kinds.js';
import type { Condition, Rule, RuleOfKind } from './types.js';

export function checkReferences(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  // The shipped types and the rule set's own (fact-types.yaml).
  const contract = {
    factTypes: new Set([...factContract().factTypes, ...c.factTypes.map((t) => t.value.name)]),
  };
  const codes = new Map(c.findingCodes.map((f) => [f.value.code, f]));

  // The codes are the rule set's own (facts are held to them at ingest); the fact contract only
  // says which subject kinds a finding can be against.
  for (const f of c.findingCodes) {
    if (!findingAllowed(f.value.code, f.value.subject)) {
      errors.push(
        f.file.error(
          `${f.pointer}/subject`,
          'code-subject',
          `the fact contract does not allow a finding against a ${f.value.subject} (${f.value.code})`,
        ),
      );
    }
  }

  const manifest = c.manifest?.value;
  const dimensions = new Set(Object.keys(manifest?.dimensions.values ?? {}));
  const areas = new Set(Object.keys(manifest?.areas.values ?? {}));
  const rosters = manifest?.scope.rosters ?? {};
  if (c.manifest) {
    for (const [kind, roster] of Object.entries(rosters)) {
      if (roster && !contract.factTypes.has(roster.factType)) {
        errors.push(
          c.manifest.file.error(
            `/scope/rosters/${kind}/factType`,
            'unknown-fact-type',
            `fact type ${roster.factType} is not in the fact contract`,
          ),
        );
      }
    }
  }

  const byId = new Map(c.rules.map((r) => [r.value.id, r]));
  const evaluations = new Map<string, Collected['rules'][number]>();
  for (const r of c.rules) {
    const rule = r.value;
    if (definesEvaluation(rule)) {
      const first = evaluations.get(rule.evaluation);
      if (first)
        errors.push(
          r.file.error(
            `${r.pointer}/evaluation`,
            'duplicate-evaluation',
            `evaluation ${rule.evaluation} is already defined by rule ${first.value.id}`,
          ),
        );
      else evaluations.set(rule.evaluation, r);
    }
  }
  // Later definitions win here, as the checks of sibling-regulation options always read them.
  const lastDefinitions = new Map<string, EvaluationRule>();
  for (const { value: r } of c.rules) if (definesEvaluation(r)) lastDefinitions.set(r.evaluation, r);
  const usedCodes = new Map<string, string>();

  for (const r of c.rules) {
    const { value: rule, file, pointer: at } = r;
    const err = (path: string, code: string, message: string, atKey = false) =>
      errors.push(file.error(`${at}${path}`, code, message, atKey));
    const factType = (path: string, type: string) => {
      if (!contract.factTypes.has(type))
        err(
          path,
          'unknown-fact-type',
          `fact type ${type} is not in the fact contract${nearest(type, contract.factTypes)}`,
        );
    };
    const refRule = <K extends Rule['kind']>(
      path: string,
      id: string | undefined,
      kind: K,
    ): RuleOfKind<K> | undefined => {
      if (id === undefined) return undefined;
      const target = byId.get(id)?.value;
      if (!target) err(path, 'unknown-rule', `rule ${id} does not exist${nearest(id, byId.keys())}`);
      else if (target.kind !== kind)
        err(path, 'wrong-rule-kind', `rule ${id} is a ${target.kind} rule, a ${kind} rule is needed here`);
      else return target as RuleOfKind<K>;
      return undefined;
    };
    const refEvaluation = (path: string, id: string) => {
      const target = evaluations.get(id);
      if (!target)
        err(
          path,
          'unknown-evaluation',
          `evaluation ${id} is not defined by any score, annual-score or report rule${nearest(id, evaluations.keys())}`,
        );
      return target?.value as EvaluationRule | undefined;
    };
    if ('dimension' in rule && !dimensions.has(rule.dimension))
      err(
        '/dimension',
        'unknown-tag',
        `dimension ${rule.dimension} is not one of ruleset.yaml's dimensions (${[...dimensions].join(', ')})`,
      );
    if ('area' in rule && !areas.has(rule.area))
      err(
        '/area',
        'unknown-tag',
        `area ${rule.area} is not one of ruleset.yaml's areas (${[...areas].join(', ')})`,
      );
    if ('reports' in rule)
      for (const [i, id] of (rule.reports ?? []).entries()) refEvaluation(`/reports/${i}`, id);
    if ('subject' in rule && rule.kind !== 'verdict' && !rosters[rule.subject]) {
      err(
        '/subject',
        'no-roster',
        `subject kind ${rule.subject} has no roster in ruleset.yaml scope.rosters`,
      );
    }
    checksOf(rule)?.references?.(rule, {
      err,
      factType,
      refRule,
      refEvaluation,
      code: (code) => codes.get(code)?.value,
      codes: () => codes.keys(),
      pricedBy: (code, ruleId) => {
        const other = usedCodes.get(code);
        usedCodes.set(code, ruleId);
        return other;
      },
      roster: (kind) => rosters[kind],
      rules: () => c.rules.map((x) => x.value),
      evaluation: (id) => lastDefinitions.get(id),
      evaluations: () => lastDefinitions.keys(),
      areas: () => areas,
      rosters: () => rosters,
    });
  }
  return errors;
}

/** The facts a condition tests, with the path of each. */
export function conditionFacts(cond: Condition, path: string): [string, string][] {
  if ('all' in cond) return cond.all.flatMap((x, i) => conditionFacts(x, `${path}/all/${i}`));
  if ('any' in cond) return cond.any.flatMap((x, i) => conditionFacts(x, `${path}/any/${i}`));
  if ('not' in cond) return conditionFacts(cond.not, `${path}/not`);
  return [[path, cond.fact]];
}
