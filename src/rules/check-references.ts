// Reference checks: finding codes, fact types, tags, evaluations and rules named by other rules
// must exist and fit together.

import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { factContract, findingAllowed } from './fact-contract.js';
import { nearest } from './nearest.js';
import type { Condition, Rule, RuleOfKind } from './types.js';

const CADENCE_ORDER = ['half-month', 'month', 'quarter', 'year'];

export function checkReferences(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const contract = factContract();
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
    if (rule.kind === 'score' || rule.kind === 'annual-score' || rule.kind === 'report') {
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
      return target?.value as RuleOfKind<'score' | 'annual-score' | 'report'> | undefined;
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
    switch (rule.kind) {
      case 'fact-points':
        factType('/factType', rule.factType);
        if (rule.codes && rule.points)
          err(
            '/points',
            'points-and-codes',
            'give points either per code (codes) or for the rule (points), not both',
          );
        if (!rule.codes && !rule.points && rule.effect !== 'record')
          err('/effect', 'missing-points', `a ${rule.effect} needs points (or codes with points)`);
        for (const code of Object.keys(rule.codes ?? {})) {
          const def = codes.get(code);
          if (!def) {
            err(
              `/codes/${code}`,
              'unknown-code',
              `finding code ${code} is not defined in finding-codes.yaml${nearest(code, codes.keys())}`,
              true,
            );
            continue;
          }
          if (def.value.subject !== rule.subject)
            err(
              `/codes/${code}`,
              'code-subject',
              `finding code ${code} is against a ${def.value.subject}, but this rule's subject is ${rule.subject}`,
              true,
            );
          if (!rule.provisions.includes(def.value.provision))
            err(
              `/codes/${code}`,
              'code-provision',
              `finding code ${code} breaches ${def.value.provision}, which this rule does not cite`,
              true,
            );
          const other = usedCodes.get(code);
          if (other)
            err(
              `/codes/${code}`,
              'code-twice',
              `finding code ${code} is already priced by rule ${other}: it would count twice`,
              true,
            );
          usedCodes.set(code, rule.id);
        }
        if (rule.codes && rule.factType !== 'finding')
          err('/codes', 'codes-need-findings', 'codes apply to finding facts only');
        break;
      case 'measure':
        factType('/factType', rule.factType);
        if (rule.aggregate !== 'count' && !rule.field)
          err('/field', 'missing-field', `aggregate ${rule.aggregate} needs a field`, true);
        break;
      case 'ratio-points':
        factType('/factType', rule.factType);
        break;
      case 'rollup':
        if (rosters[rule.from]?.groupKind !== rule.subject)
          err(
            '/from',
            'rollup-roster',
            `the ${rule.from} roster has no group of kind ${rule.subject} (scope.rosters.${rule.from}.groupKind)`,
          );
        break;
      case 'score': {
        const ranking = refRule('/ranking', rule.ranking, 'ranking');
        if (ranking && ranking.evaluation !== rule.evaluation)
          err(
            '/ranking',
            'ranking-evaluation',
            `ranking ${ranking.id} ranks ${ranking.evaluation}, not ${rule.evaluation}`,
          );
        refRule('/tiers', rule.tiers, 'tiers');
        refRule('/decision', rule.decision, 'decision');
        break;
      }
      case 'annual-score': {
        const inner = refEvaluation('/meanOf', rule.meanOf);
        if (inner && inner.kind !== 'score')
          err('/meanOf', 'mean-of', `meanOf needs a score evaluation; ${rule.meanOf} is a ${inner.kind}`);
        else if (inner && inner.subject !== rule.subject)
          err('/meanOf', 'mean-of', `${rule.meanOf} scores ${inner.subject}, this rule ${rule.subject}`);
        else if (inner && CADENCE_ORDER.indexOf(inner.cadence) >= CADENCE_ORDER.indexOf(rule.cadence))
          err('/meanOf', 'mean-of', `${rule.meanOf} (${inner.cadence}) is not shorter than ${rule.cadence}`);
        if (rule.adjustments) factType('/adjustments/factType', rule.adjustments.factType);
        refRule('/tiers', rule.tiers, 'tiers');
        refRule('/decision', rule.decision, 'decision');
        break;
      }
      case 'ranking': {
        const target = refEvaluation('/evaluation', rule.evaluation);
        if (target && target.kind !== 'score' && target.kind !== 'annual-score')
          err(
            '/evaluation',
            'ranking-evaluation',
            `only score and annual-score evaluations are ranked; ${rule.evaluation} is a ${target.kind}`,
          );
        break;
      }
      case 'decision':
        factType('/factType', rule.factType);
        break;
      case 'condition': {
        const verdict = refRule('/verdict', rule.verdict, 'verdict');
        void verdict;
        for (const [name, spec] of Object.entries(rule.measures)) {
          const [kind, body] = Object.entries(spec)[0] as [string, Record<string, unknown>];
          const path = `/measures/${name}/${kind}`;
          if (typeof body.evaluation === 'string') {
            const target = refEvaluation(`${path}/evaluation`, body.evaluation);
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
          if (typeof body.factType === 'string') factType(`${path}/factType`, body.factType);
          const after = body.after as { factType: string } | undefined;
          if (after) factType(`${path}/after/factType`, after.factType);
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
        break;
      }
      case 'verdict':
        if (!c.rules.some((x) => x.value.kind === 'condition' && x.value.verdict === rule.id))
          err('/id', 'verdict-without-conditions', `verdict ${rule.id} has no condition rules`);
        break;
      default:
        break;
    }
  }
  return errors;
}

function conditionFacts(cond: Condition, path: string): [string, string][] {
  if ('all' in cond) return cond.all.flatMap((x, i) => conditionFacts(x, `${path}/all/${i}`));
  if ('any' in cond) return cond.any.flatMap((x, i) => conditionFacts(x, `${path}/any/${i}`));
  if ('not' in cond) return conditionFacts(cond.not, `${path}/not`);
  return [[path, cond.fact]];
}
