// The OpenAPI document describes the rule set in force: its evaluation kinds (each with the period
// form of its cadence), its finding codes and its verdicts, none of which schemas/ lists, since a
// revision may change them without a release.
import { type ContractExtension, extendedFactDocument } from '../schemas/registry.js';
import { documentComponents } from './openapi-schemas.js';

type Doc = Record<string, unknown>;

export interface RuleSetDescription {
  version: string;
  hash: string;
  evaluations: { kind: string; cadence: string }[];
  findingCodes: { code: string; subject: string; provision: string; zh: string; en: string }[];
  /** the fact types it declares and the roster fields it makes optional (absent: none) */
  contract?: ContractExtension | null;
}

const PERIOD_FORMS: Record<string, { pattern: string; description: string }> = {
  'half-month': {
    pattern: '^\\d{4}-(0[1-9]|1[0-2])-H[12]$',
    description: 'a half-month id YYYY-MM-H1 or -H2',
  },
  month: { pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'a month id YYYY-MM' },
  quarter: { pattern: '^\\d{4}-Q[1-4]$', description: 'a quarter id YYYY-Qn' },
  year: { pattern: '^\\d{4}$', description: 'a year id YYYY' },
};

/** Returns the document with the rule set's vocabulary written into its component schemas. */
export function describeRuleSet(doc: Doc, ruleSet: RuleSetDescription | null): Doc {
  if (!ruleSet) return doc;
  const components = doc.components as { schemas: Record<string, Doc> };
  const schemas = { ...components.schemas };
  const inForce = `rule set ${ruleSet.version} (${ruleSet.hash.slice(0, 12)}), in force when this document was made`;
  schemas['evaluation.kind'] = {
    ...schemas['evaluation.kind'],
    enum: ruleSet.evaluations.map((e) => e.kind),
    description: `an evaluation kind of the ${inForce}`,
  };
  const cadences = ruleSet.evaluations.flatMap((e) => {
    const form = PERIOD_FORMS[e.cadence];
    if (!form) return [];
    return [
      {
        // "kind K implies period of K's form", written without if/then
        anyOf: [
          { not: { type: 'object', required: ['kind'], properties: { kind: { const: e.kind } } } },
          {
            type: 'object',
            properties: {
              period: {
                type: 'string',
                pattern: form.pattern,
                description: `${form.description}, as ${e.kind} requires`,
              },
            },
          },
        ],
      },
    ];
  });
  schemas['evaluation.body'] = { ...schemas['evaluation.body'], allOf: cadences };
  schemas['fact.findingCode'] = {
    ...schemas['fact.findingCode'],
    enum: ruleSet.findingCodes.map((c) => c.code),
    description: `a finding code of the ${inForce}; a fact is held to the codes of the rule set in force on its occurredOn`,
    'x-finding-codes': Object.fromEntries(
      ruleSet.findingCodes.map((c) => [
        c.code,
        { provision: c.provision, subject: c.subject, zh: c.zh, en: c.en },
      ]),
    ),
  };
  if (ruleSet.contract) {
    // The fact contract as this rule set extends it: its own types join the union, and its
    // roster's optional fields leave `required`.
    Object.assign(schemas, documentComponents('fact', extendedFactDocument(ruleSet.contract)));
    schemas.fact = {
      ...schemas.fact,
      'x-fact-types': Object.fromEntries(
        ruleSet.contract.factTypes.map((t) => [
          t.name,
          { subjects: t.subjects, zh: t.zh, en: t.en, provisions: t.provisions ?? [], declaredBy: inForce },
        ]),
      ),
    };
  }
  const info = { ...(doc.info as Doc), 'x-ruleset': { version: ruleSet.version, hash: ruleSet.hash } };
  return { ...doc, info, components: { ...components, schemas } };
}
