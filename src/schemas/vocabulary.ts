// The part of the fact contract a rule set owns: which finding codes exist and whom each is against.
// The schema checks a code's form; these checks hold a fact to the codes of the rule set in force
// on its occurredOn, so a revision that adds or retires a code needs no change to schemas/.
import type { ContractExtension } from './fact-extension.js';
import type { SchemaError as FactError } from './format.js';

export interface FactVocabulary {
  /** The rule-set version the codes come from, named in messages. */
  version: string;
  findingCodes: ReadonlyMap<string, { subject: string }>;
  /** Codes whose points start after the version's effective.from: refused before that day. */
  lateCodes?: ReadonlyMap<string, { from: string; parameter: string }>;
  /** Fact types the rule set declares and shipped fields it makes optional (absent: none). */
  contract?: ContractExtension;
}

/** The vocabulary in force on a date (YYYY-MM-DD). */
export type VocabularyOn = (date: string) => FactVocabulary;

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;

/** Problems of a schema-valid fact against the rule set in force on its date. */
export function vocabularyErrors(value: unknown, on: VocabularyOn): FactError[] {
  const fact = asObject(value);
  if (fact?.type !== 'finding') return [];
  const code = asObject(fact.data)?.code;
  const date = fact.occurredOn;
  if (typeof code !== 'string' || typeof date !== 'string') return [];
  const vocabulary = on(date);
  const defined = vocabulary.findingCodes.get(code);
  const ruleSet = `rule set ${vocabulary.version} (in force on ${date})`;
  if (!defined) {
    const codes = [...vocabulary.findingCodes.keys()];
    return [
      {
        path: '/data/code',
        message: `data.code: ${JSON.stringify(code)} is not a finding code of ${ruleSet}; it defines ${codes.slice(0, 8).join(', ')}${codes.length > 8 ? `, … (${codes.length} codes)` : ''}`,
      },
    ];
  }
  const late = vocabulary.lateCodes?.get(code);
  if (late && date < late.from) {
    return [
      {
        path: '/data/code',
        message: `data.code: finding code ${code} has no points before ${late.from} in ${ruleSet}: parameter ${late.parameter} starts then`,
      },
    ];
  }
  const kind = asObject(fact.subject)?.kind;
  if (typeof kind === 'string' && kind !== defined.subject) {
    return [
      {
        path: '/subject/kind',
        message: `subject.kind: finding ${code} is against a ${defined.subject} in ${ruleSet} (got ${JSON.stringify(kind)})`,
      },
    ];
  }
  return [];
}

/**
 * The vocabulary of the version whose effective range holds the date (latest `from` first);
 * before every range, the earliest version's, so history before the first rule set is still checked.
 */
export function vocabularyByDate(
  versions: readonly ({ effective: { from: string; to?: string } } & FactVocabulary)[],
): VocabularyOn {
  const sorted = [...versions].sort((a, b) => (a.effective.from < b.effective.from ? -1 : 1));
  const memo = new Map<string, FactVocabulary>();
  return (date) => {
    let found = memo.get(date);
    if (found) return found;
    for (const v of sorted)
      if (v.effective.from <= date && (v.effective.to === undefined || date <= v.effective.to)) found = v;
    found ??= sorted.find((v) => v.effective.from > date) ?? sorted.at(-1);
    if (!found) throw new Error('vocabularyByDate: no rule set');
    memo.set(date, found);
    return found;
  };
}
