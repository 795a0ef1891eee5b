// The rule tests (YAML cases, as `kaohe test` runs them) against a published version or a draft, for
// the console: which tests pass, and which rules each case exercised (provision → rules → tests).
// A published version's outcome never changes, so it is kept by hash.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { formatRuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import { runCase } from '../testing/run.js';
import { findTestFiles, loadTestFile } from '../testing/suite.js';
import type { Deps } from './deps.js';
import { unprocessable } from './errors.js';
import { postedErrors, postedSource } from './publishing.js';

export interface RuleTestCase {
  /** file:line of the case, relative to the tests directory. */
  at: string;
  name: string;
  passed: boolean;
  failures: string[];
  /** Rule ids the case exercised (an item, a condition, a rank, a tier or the evaluation). */
  rules: string[];
}

export interface RuleTestReport {
  ruleset: { version: string; hash: string };
  dir: string;
  passed: number;
  failed: number;
  /** Test files that do not load against this rule set (file:line:col: message). */
  problems: string[];
  cases: RuleTestCase[];
}

const KEEP = 8;
const byHash = new Map<string, Promise<RuleTestReport>>();

export async function runRuleTests(ruleSet: RuleSet, dir: string): Promise<RuleTestReport> {
  const report: RuleTestReport = {
    ruleset: { version: ruleSet.manifest.version, hash: ruleSet.hash },
    dir,
    passed: 0,
    failed: 0,
    problems: [],
    cases: [],
  };
  if (!existsSync(dir)) {
    report.problems.push(`${dir}: no rule-test directory`);
    return report;
  }
  for (const file of findTestFiles(dir)) {
    const { cases, errors } = loadTestFile(file, ruleSet);
    for (const e of errors) report.problems.push(formatRuleError({ ...e, file: relative(dir, e.file) }));
    for (const c of cases) {
      const outcome = await runCase(ruleSet, c);
      report.cases.push({
        at: `${relative(dir, file)}:${outcome.line}`,
        name: c.name,
        passed: outcome.passed,
        failures: outcome.failures,
        rules: [...outcome.rules].sort(),
      });
      if (outcome.passed) report.passed++;
      else report.failed++;
    }
  }
  return report;
}

/** The rule tests against a published version (kept by tests directory and hash). */
export async function publishedRuleTests(deps: Deps, dir: string, record: { hash: string }) {
  const key = `${dir}\u0000${record.hash}`;
  let pending = byHash.get(key);
  if (!pending) {
    const stored = await deps.catalog.get(record.hash);
    if (!stored) throw new Error(`rule set ${record.hash} is not stored`);
    const { ruleSet } = await deps.catalog.evaluator(stored);
    pending = runRuleTests(ruleSet, dir);
    if (byHash.size >= KEEP) byHash.delete(byHash.keys().next().value as string);
    byHash.set(key, pending);
    pending.catch(() => byHash.delete(key));
  }
  return pending;
}

/** The rule tests against posted draft files ({"files": {...}}); a draft that does not load is a 422. */
export async function draftRuleTests(body: unknown, dir: string): Promise<RuleTestReport> {
  const loaded = loadRuleSet(postedSource(body));
  if (!loaded.ruleSet) {
    const errors = postedErrors(loaded.errors);
    throw unprocessable('invalid-ruleset', `the draft rule set has ${errors.length} problem(s)`, errors);
  }
  return runRuleTests(loaded.ruleSet, dir);
}
