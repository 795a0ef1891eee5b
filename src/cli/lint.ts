import { formatRuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load.js';
import { lateCodes } from '../rules/priced-codes.js';
import { RuleSourceError, readRuleDirectory } from '../rules/source.js';
import { formatOption, parse } from './args.js';

export const lintHelp = `Usage: kaohe lint [rules-dir] [--format text|json]

Checks a directory of rule files (default: rules) against the JSON Schemas of schemas/ and the
semantic checks: duplicate rule ids, unknown provisions, parameters and finding codes, coverage of
every provision, parameter histories out of date order, overlapping tier bounds, YAML syntax errors
and duplicate keys. Prints every problem of every file at once as <file>:<line>:<col>: <message>
(a reference to something a broken file may define is checked once that file loads).

Exit status: 0 when the rule set is valid, 1 when it has problems, 2 on a usage error.`;

export async function lint(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' } }, lintHelp);
  const format = formatOption(values.format as string | undefined, ['text', 'json'], lintHelp);
  const dir = positionals[0] ?? 'rules';
  let source: ReturnType<typeof readRuleDirectory>;
  try {
    source = readRuleDirectory(dir);
  } catch (error) {
    if (error instanceof RuleSourceError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const { ruleSet, errors } = loadRuleSet(source);
  // Not a problem (a revision may start a code's points later), but findings before then are refused.
  const notes = ruleSet
    ? [...lateCodes(ruleSet)].map(
        ([code, late]) =>
          `finding code ${code} has no points from ${ruleSet.manifest.effective.from} until ${late.from} (parameter ${late.parameter} starts then): findings with it dated earlier are refused`,
      )
    : [];
  if (format === 'json') {
    console.log(
      JSON.stringify(
        {
          valid: errors.length === 0,
          hash: ruleSet?.hash ?? null,
          version: ruleSet?.manifest.version ?? null,
          errors,
          ...(notes.length > 0 ? { notes } : {}),
        },
        null,
        2,
      ),
    );
  } else if (ruleSet) {
    console.log(
      `${dir}: ok — ${ruleSet.manifest.id} version ${ruleSet.manifest.version}, ${ruleSet.rules.length} rules, ${ruleSet.parameters.size} parameters, hash ${ruleSet.hash}`,
    );
    for (const note of notes) console.error(`${dir}: note: ${note}`);
  } else {
    for (const e of errors) console.error(formatRuleError(e));
    console.error(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${dir}`);
  }
  return errors.length === 0 ? 0 : 1;
}
