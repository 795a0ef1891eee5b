// `fact-points`: facts of one type (and finding codes) become items — a deduction, a bonus, a
// liability or a record. Classified per fact signature (engine/classify.ts), indexed per subject
// (engine/fact-index.ts), tallied by engine/score.ts (scaled-points.ts, every-n.ts).
import { numberParam, type ParamField } from '../rules/kind-checks.js';
import { nearest } from '../rules/nearest.js';
import { defineKind } from './kind.js';

export const factPoints = defineKind({
  kind: 'fact-points',
  rules: {
    schema: 'fact-points',
    tagged: true,
    // The code's points, and the scale and group size every finding of its codes is priced by.
    parameters: (rule) => {
      const codes = Object.keys(rule.codes ?? {});
      return [
        [numberParam('/points'), rule.points],
        ...Object.entries(rule.codes ?? {}).map(([code, p]): [ParamField, string] => [
          numberParam(`/codes/${code}`, [code]),
          p,
        ]),
        [numberParam('/scale/per', codes), rule.scale?.per],
        [numberParam('/every/count', codes), rule.every?.count],
      ];
    },
    dataFields: (rule) => [
      ...(rule.scale ? [['/scale/field', rule.scale.field] as [string, string]] : []),
      ...(rule.once?.by ? [['/once/by', rule.once.by] as [string, string]] : []),
    ],
    references(rule, check) {
      const { err } = check;
      check.factType('/factType', rule.factType);
      if (rule.codes && rule.points)
        err(
          '/points',
          'points-and-codes',
          'give points either per code (codes) or for the rule (points), not both',
        );
      if (!rule.codes && !rule.points && rule.effect !== 'record')
        err('/effect', 'missing-points', `a ${rule.effect} needs points (or codes with points)`);
      for (const code of Object.keys(rule.codes ?? {})) {
        const def = check.code(code);
        if (!def) {
          err(
            `/codes/${code}`,
            'unknown-code',
            `finding code ${code} is not defined in finding-codes.yaml${nearest(code, check.codes())}`,
            true,
          );
          continue;
        }
        if (def.subject !== rule.subject)
          err(
            `/codes/${code}`,
            'code-subject',
            `finding code ${code} is against a ${def.subject}, but this rule's subject is ${rule.subject}`,
            true,
          );
        if (!rule.provisions.includes(def.provision))
          err(
            `/codes/${code}`,
            'code-provision',
            `finding code ${code} breaches ${def.provision}, which this rule does not cite`,
            true,
          );
        const other = check.pricedBy(code, rule.id);
        if (other)
          err(
            `/codes/${code}`,
            'code-twice',
            `finding code ${code} is already priced by rule ${other}: it would count twice`,
            true,
          );
      }
      // A derived entry is priced once: grouping it again (every) or scaling it would price it twice.
      if (rule.once && (rule.every || rule.scale))
        err(
          '/once',
          'once-combined',
          `once (one entry per ${rule.once.per}${rule.once.by ? ` and ${rule.once.by}` : ''}) cannot be combined with ${rule.every ? 'every' : 'scale'}: a derived entry is priced once`,
          true,
        );
      if (rule.codes && rule.factType !== 'finding')
        err('/codes', 'codes-need-findings', 'codes apply to finding facts only');
    },
  },
  engine: { classified: true },
  testing: { exercisable: true, twoCases: true },
});
