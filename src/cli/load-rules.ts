// Shared by the commands that need a valid rule set: load it or print why not.
import { formatRuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load.js';
import { RuleSourceError, readRuleDirectory } from '../rules/source.js';
import type { RuleSet } from '../rules/types.js';

export function loadRulesOrReport(dir: string): RuleSet | null {
  try {
    const { ruleSet, errors } = loadRuleSet(readRuleDirectory(dir));
    for (const e of errors) console.error(formatRuleError(e));
    if (!ruleSet)
      console.error(`kaohe: the rule set in ${dir} has ${errors.length} problem(s); run kaohe lint ${dir}`);
    return ruleSet;
  } catch (error) {
    if (error instanceof RuleSourceError) {
      console.error(`kaohe: ${error.message}`);
      return null;
    }
    throw error;
  }
}
