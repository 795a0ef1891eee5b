// Parameter checks: every reference names a defined parameter of the right type, histories are in
// date order, values are allowed, and tier bounds never overlap on any date.
import type { Choice } from './choices.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { checksOf, definesEvaluation, type ParamField } from './kind-checks.js';
import { nearest } from './nearest.js';
import type { Condition, Rule, Scalar } from './types.js';

export interface ParamUse {
  name: string;
  type: 'number' | 'string' | 'boolean';
  file: Collected['rules'][number]['file'];
  pointer: string;
  /** The closed set every dated value must belong to, where the engine interprets the value. */
  choice?: Choice;
  /** The finding codes it prices (see ParamField.codes). */
  codes?: readonly string[];
}

export function paramUses(c: Collected): ParamUse[] {
  const uses: ParamUse[] = [];
  for (const { value: rule, file, pointer: at } of c.rules) {
    for (const [field, name] of ruleParamFields(rule)) {
      if (name === undefined) continue;
      const use: ParamUse = { name, type: field.type, file, pointer: `${at}${field.path}` };
      if (field.choice) use.choice = field.choice;
      if (field.codes) use.codes = field.codes;
      uses.push(use);
    }
    const walk = (cond: Condition | undefined, path: string) => {
      if (!cond) return;
      if ('all' in cond) for (const [i, x] of cond.all.entries()) walk(x, `${path}/all/${i}`);
      else if ('any' in cond) for (const [i, x] of cond.any.entries()) walk(x, `${path}/any/${i}`);
      else if ('not' in cond) walk(cond.not, `${path}/not`);
      else if (cond.value && typeof cond.value === 'object' && !Array.isArray(cond.value)) {
        uses.push({ name: cond.value.param, type: 'number', file, pointer: `${at}${path}/value/param` });
      }
    };
    if ('when' in rule) walk(rule.when, '/when');
  }
  return uses;
}

/** The fields of a rule that name parameters, as its kind's module lists them. */
function ruleParamFields(rule: Rule): [ParamField, string | undefined][] {
  return checksOf(rule)?.parameters?.(rule) ?? [];
}

export function checkParameters(c: Collected, uses: ParamUse[]): RuleError[] {
  const errors: RuleError[] = [];
  const params = new Map(c.parameters.map((p) => [p.value.name, p]));
  for (const p of c.parameters) {
    const { value: param, file, pointer: at } = p;
    let previous: string | undefined;
    for (const { from, value } of param.values) {
      if (previous !== undefined && from <= previous) {
        errors.push(
          file.error(
            `${at}/values/${from}`,
            'history-order',
            from === previous
              ? `parameter ${param.name}: the date ${from} is listed twice (dates ascending, each once)`
              : `parameter ${param.name}: the value from ${from} must come before the one from ${previous} (dates ascending, each once)`,
            true,
          ),
        );
      }
      previous = from;
      if (param.allowed && !param.allowed.includes(value)) {
        errors.push(
          file.error(
            `${at}/values/${from}`,
            'value-not-allowed',
            `parameter ${param.name}: ${JSON.stringify(value)} is not one of the allowed values ${param.allowed.map((v) => JSON.stringify(v)).join(', ')}`,
          ),
        );
      }
    }
    const types = new Set(param.values.map((v) => typeof v.value));
    // Shown at the first value whose type differs from the first one's: that is the one to fix.
    const odd = param.values.find((v) => typeof v.value !== typeof param.values[0]?.value);
    if (types.size > 1 && odd) {
      errors.push(
        file.error(
          `${at}/values/${odd.from}`,
          'mixed-types',
          `parameter ${param.name}: all values must have one type (found ${[...types].join(' and ')})`,
        ),
      );
    }
  }
  for (const use of uses) {
    const defined = params.get(use.name);
    if (!defined) {
      errors.push(
        use.file.error(
          use.pointer,
          'unknown-parameter',
          `parameter ${use.name} is not defined in parameters.yaml${nearest(use.name, params.keys())}`,
        ),
      );
      continue;
    }
    const actual = typeof defined.value.values[0]?.value;
    if (actual !== use.type && !(use.pointer.includes('/when/') && actual !== 'boolean')) {
      errors.push(
        use.file.error(
          use.pointer,
          'parameter-type',
          `parameter ${use.name} holds a ${actual}, but a ${use.type} is needed here`,
        ),
      );
    }
  }
  errors.push(...checkChoices(c, params, uses));
  return errors;
}

/**
 * Every dated value of a parameter used where the engine interprets it must be one of the values
 * that place accepts: reported at the value in parameters.yaml, naming the use.
 */
function checkChoices(
  c: Collected,
  params: Map<string, Collected['parameters'][number]>,
  uses: ParamUse[],
): RuleError[] {
  const errors: RuleError[] = [];
  const evaluations = evaluationsByKind(c);
  const reported = new Set<string>();
  for (const use of uses) {
    const defined = params.get(use.name);
    if (!use.choice || !defined) continue;
    const { values, what } = choiceValues(use.choice, evaluations);
    const at = use.file.position(use.pointer);
    for (const { from, value } of defined.value.values) {
      const key = `${use.name}|${from}|${what}`;
      const notAllowed = defined.value.allowed && !defined.value.allowed.includes(value); // reported already
      if (values.includes(String(value)) || notAllowed || reported.has(key)) continue;
      reported.add(key);
      errors.push(
        defined.file.error(
          `${defined.pointer}/values/${from}`,
          'value-not-interpretable',
          `parameter ${use.name}: ${JSON.stringify(value)} (from ${from}) is not ${what} (used at ${use.file.display}:${at.line}:${at.col}; one of ${values.join(', ') || 'none defined'})${nearest(String(value), values)}`,
        ),
      );
    }
  }
  return errors;
}

function choiceValues(choice: Choice, evaluations: ReturnType<typeof evaluationsByKind>) {
  if ('values' in choice) return { values: [...choice.values], what: choice.what };
  if (choice.evaluation === 'ranked')
    return { values: evaluations.ranked, what: 'a ranked score evaluation the rule set defines' };
  if (choice.evaluation === 'tiered')
    return { values: evaluations.tiered, what: 'a graded evaluation (one with tiers) the rule set defines' };
  return { values: evaluations.all, what: 'an evaluation the rule set defines' };
}

function evaluationsByKind(c: Collected): { all: string[]; ranked: string[]; tiered: string[] } {
  const all: string[] = [];
  const ranked: string[] = [];
  const tiered: string[] = [];
  for (const { value: r } of c.rules) {
    if (!definesEvaluation(r)) continue;
    all.push(r.evaluation);
    if (r.kind === 'score' && r.ranking) ranked.push(r.evaluation);
    if (r.kind !== 'report' && r.tiers) tiered.push(r.evaluation);
  }
  return { all: all.sort(), ranked: ranked.sort(), tiered: tiered.sort() };
}

/** Tier minimums must strictly decrease, best first, on every date any of them changes (the tiers kind's check). */
export function checkTierBounds(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const params = new Map(c.parameters.map((p) => [p.value.name, p]));
  for (const { value: rule, file, pointer: at } of c.rules) {
    if (rule.kind !== 'tiers') continue;
    const last = rule.tiers.length - 1;
    rule.tiers.forEach((t, i) => {
      if (i < last && t.min === undefined)
        errors.push(
          file.error(
            `${at}/tiers/${i}`,
            'tier-bounds',
            `tier ${t.id} needs a min: only the last (lowest) tier has none`,
          ),
        );
      if (i === last && t.min !== undefined)
        errors.push(
          file.error(
            `${at}/tiers/${i}/min`,
            'tier-bounds',
            `tier ${t.id} is the lowest tier and takes every score below the others: remove its min`,
          ),
        );
    });
    const histories = rule.tiers.map((t) => (t.min ? params.get(t.min)?.value.values : undefined));
    const dates = [...new Set(histories.flatMap((h) => (h ?? []).map((v) => v.from)))].sort();
    for (const date of dates) {
      let above: { id: string; min: Scalar } | undefined;
      rule.tiers.forEach((t, i) => {
        const value = valueOn(histories[i], date);
        if (typeof value !== 'number') return;
        if (above && typeof above.min === 'number' && value >= above.min) {
          errors.push(
            file.error(
              `${at}/tiers/${i}/min`,
              'tier-overlap',
              `tiers overlap from ${date}: ${t.id} starts at ${value}, not below ${above.id} (${above.min})`,
            ),
          );
        }
        above = { id: t.id, min: value };
      });
    }
    const sets = rule.tiers.map((t) => Object.keys(t.labels).sort().join(','));
    rule.tiers.forEach((t, i) => {
      if (sets[i] !== sets[0])
        errors.push(
          file.error(
            `${at}/tiers/${i}/labels`,
            'tier-labels',
            `tier ${t.id} has label sets ${sets[i]}, but ${rule.tiers[0]?.id} has ${sets[0]}: every tier needs a label in every set`,
          ),
        );
    });
    const firstSet = Object.keys(rule.tiers[0]?.labels ?? {});
    if (rule.defaultLabelSet && !firstSet.includes(rule.defaultLabelSet)) {
      errors.push(
        file.error(
          `${at}/defaultLabelSet`,
          'tier-labels',
          `defaultLabelSet ${rule.defaultLabelSet} is not a label set of the tiers (${firstSet.join(', ')})`,
        ),
      );
    }
    if (!rule.defaultLabelSet && firstSet.length > 1) {
      errors.push(file.error(at, 'tier-labels', `tiers with several label sets need a defaultLabelSet`));
    }
  }
  return errors;
}

function valueOn(history: { from: string; value: Scalar }[] | undefined, date: string): Scalar | undefined {
  let found: Scalar | undefined;
  for (const v of history ?? []) if (v.from <= date) found = v.value;
  return found;
}
