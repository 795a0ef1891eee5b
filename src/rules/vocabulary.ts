// A loaded rule set as the fact vocabulary it defines (finding codes and whom each is against).
import {
  type ContractExtension,
  type FactVocabulary,
  type VocabularyOn,
  vocabularyByDate,
} from '../schemas/registry.js';
import { lateCodes } from './priced-codes.js';
import type { RuleSet } from './types.js';

export function vocabularyOf(
  ruleSet: RuleSet,
): FactVocabulary & { effective: { from: string; to?: string } } {
  const contract = contractOf(ruleSet);
  return {
    version: ruleSet.manifest.version,
    effective: ruleSet.manifest.effective,
    findingCodes: ruleSet.findingCodes,
    lateCodes: lateCodes(ruleSet),
    ...(contract ? { contract } : {}),
  };
}

const contracts = new WeakMap<RuleSet, ContractExtension | null>();

/** The rule set's declared fact types and optional roster fields; null when it has neither. */
export function contractOf(ruleSet: RuleSet): ContractExtension | null {
  let contract = contracts.get(ruleSet);
  if (contract === undefined) {
    const optional: Record<string, string[]> = {};
    for (const roster of Object.values(ruleSet.manifest.scope.rosters))
      if (roster?.optional) optional[roster.factType] = [...roster.optional].sort();
    const factTypes = [...(ruleSet.factTypes?.values() ?? [])];
    contract = factTypes.length > 0 || Object.keys(optional).length > 0 ? { factTypes, optional } : null;
    contracts.set(ruleSet, contract);
  }
  return contract;
}

/** Several rule sets' extensions as one (a file of facts read for `kaohe compare` may use either's). */
function mergedContract(each: readonly FactVocabulary[]): ContractExtension | undefined {
  const withContract = each.flatMap((v) => (v.contract ? [v.contract] : []));
  if (withContract.length === 0) return undefined;
  // One extension as it is: the validator compiled for it is found by identity, not by content.
  if (withContract.length === 1) return withContract[0];
  const factTypes = new Map(withContract.flatMap((c) => c.factTypes.map((t) => [t.name, t] as const)));
  const optional: Record<string, string[]> = {};
  for (const c of withContract)
    for (const [type, fields] of Object.entries(c.optional))
      optional[type] = [...new Set([...(optional[type] ?? []), ...fields])].sort();
  return { factTypes: [...factTypes.values()], optional };
}

/**
 * The codes any of these rule sets accepts (a file of facts read for `kaohe compare` may carry the
 * codes of the current rule set or of the revision).
 */
export function vocabularyOfAny(...ruleSets: RuleSet[]): VocabularyOn {
  const first = ruleSets[0];
  if (ruleSets.length === 1 && first) return vocabularyByDate([vocabularyOf(first)]);
  const all = ruleSets.map((r) => vocabularyByDate([vocabularyOf(r)]));
  const memo = new Map<string, FactVocabulary>();
  return (date) => {
    let merged = memo.get(date);
    if (!merged) {
      const each = all.map((on) => on(date));
      merged = {
        version: [...new Set(each.map((v) => v.version))].join(' or '),
        findingCodes: new Map(each.flatMap((v) => [...v.findingCodes]).reverse()),
        // a code must be priced under every rule set that prices it late (compare evaluates both)
        lateCodes: new Map(
          each
            .flatMap((v) => [...(v.lateCodes ?? [])])
            .sort(([, a], [, b]) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
        ),
      };
      const contract = mergedContract(each);
      if (contract) merged.contract = contract;
      memo.set(date, merged);
    }
    return merged;
  };
}
