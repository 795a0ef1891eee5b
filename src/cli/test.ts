import { formatRuleError } from '../rules/errors.js';
import { type CaseOutcome, runCase } from '../testing/run.js';
import { findTestFiles, loadTestFile } from '../testing/suite.js';
import { formatOption, parse } from './args.js';
import { loadRulesOrReport } from './load-rules.js';

export const testHelp = `Usage: kaohe test [tests-dir-or-file] [--rules dir] [--format text|json]

Runs rule tests written as YAML (kind: rule-tests; default directory test/rules) against a rule set
(default: rules). Each case gives a roster and facts (and optionally parameter overrides), an
evaluation kind and period or a verdict, and the results it expects. Failures print the case's
file:line, then expected against actual.

Exit status: 0 when every case passes, 1 when one fails or a test file is invalid, 2 on a usage error.`;

export async function runTests(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { rules: { type: 'string' }, format: { type: 'string' } },
    testHelp,
  );
  const format = formatOption(values.format as string | undefined, ['text', 'json'], testHelp);
  const ruleSet = loadRulesOrReport((values.rules as string | undefined) ?? 'rules');
  if (!ruleSet) return 1;
  const outcomes = await runSuite(ruleSet, positionals[0] ?? 'test/rules');
  if (!outcomes) return 1;
  const failed = outcomes.filter((o) => !o.passed);
  if (format === 'json') {
    console.log(
      JSON.stringify(
        {
          passed: outcomes.length - failed.length,
          failed: failed.length,
          failures: failed.map((o) => ({
            file: o.testCase.file.display,
            line: o.line,
            case: o.testCase.name,
            failures: o.failures,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const o of failed) {
      console.log(`FAIL ${o.testCase.file.display}:${o.line}: ${o.testCase.name}`);
      for (const f of o.failures) console.log(`     ${f}`);
    }
    console.log(`rule tests: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
  }
  return failed.length === 0 ? 0 : 1;
}

export async function runSuite(
  ruleSet: Parameters<typeof runCase>[0],
  target: string,
): Promise<CaseOutcome[] | null> {
  let files: string[];
  try {
    files = findTestFiles(target);
  } catch {
    console.error(`kaohe: ${target}: no such test file or directory`);
    return null;
  }
  const outcomes: CaseOutcome[] = [];
  let broken = false;
  for (const file of files) {
    const { cases, errors } = loadTestFile(file, ruleSet);
    for (const e of errors) console.error(formatRuleError(e));
    broken ||= errors.length > 0;
    for (const c of cases) outcomes.push(await runCase(ruleSet, c));
  }
  return broken ? null : outcomes;
}
