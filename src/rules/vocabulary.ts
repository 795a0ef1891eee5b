// A loaded rule set as the fact vocabulary it defines (finding codes and whom each is against).
import { type FactVocabulary, type VocabularyOn, vocabularyByDate } from '../schemas/registry.js';
import { lateCodes } from './priced-codes.js';
import type { RuleSet } from './types.js';

export function vocabularyOf(
  ruleSet: RuleSet,
): FactVocabulary & { effective: { from: string; to?: string } } {
  return {
    version: ruleSet.manifest.version,
    effective: ruleSet.manifest.effective,
    findingCodes: ruleSet.findingCodes,
    lateCodes: lateCodes(ruleSet),
  };
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
      memo.set(date, merged);
    }
    return merged;
  };
}
