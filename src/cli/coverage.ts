import { MANIFEST_CITING_PARTS } from '../rules/types.js';
import { ruleKindTestHooks } from '../testing/hooks.js';
import { formatOption, parse } from './args.js';
import { loadRulesOrReport } from './load-rules.js';
import { renderTable } from './table.js';
import { runSuite } from './test.js';

export const coverageHelp = `Usage: kaohe coverage [--rules dir] [--tests dir] [--format text|json]

Shows, for every provision of the rule set, the rules that encode it and the rule tests that
exercise those rules (a test exercises a rule only when its output holds an item, a condition, a
rank, a tier or an evaluation that rule produced; principles and procedures produce nothing in a
case's output and need no test).
Runs the rule tests (default directory test/rules) to find out.

Exit status: 0 when every provision is encoded and every rule has a test; 1 otherwise; 2 on a usage error.`;

export async function coverage(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { rules: { type: 'string' }, tests: { type: 'string' }, format: { type: 'string' } },
    coverageHelp,
  );
  const format = formatOption(values.format as string | undefined, ['text', 'json'], coverageHelp);
  const ruleSet = loadRulesOrReport((values.rules as string | undefined) ?? 'rules');
  if (!ruleSet) return 1;
  const outcomes = (await runSuite(ruleSet, (values.tests as string | undefined) ?? 'test/rules')) ?? [];
  const testsByRule = new Map<string, string[]>();
  for (const o of outcomes) {
    for (const rule of o.rules) {
      const list = testsByRule.get(rule) ?? [];
      list.push(`${o.testCase.file.display}:${o.line}`);
      testsByRule.set(rule, list);
    }
  }
  // Manifest elements (purpose, scope, authority, effective, tags) encode provisions too.
  const rows = [...ruleSet.provisions.values()].map((p) => {
    const rules = ruleSet.rules.filter((r) => r.provisions.includes(p.id)).map((r) => r.id);
    const manifest = MANIFEST_CITING_PARTS.filter((part) =>
      ruleSet.manifest[part].provisions.includes(p.id),
    ).map((part) => `ruleset.${part}`);
    const tests = [...new Set(rules.flatMap((r) => testsByRule.get(r) ?? []))];
    return { provision: p.id, text: p.zh, rules, manifest, tests: tests.length };
  });
  // A kind whose rules produce nothing a case's output could show (a principle, a procedure: the
  // kind table says so) needs no test; every other rule must have produced something in some case.
  const hooks = ruleKindTestHooks();
  const untested = ruleSet.rules
    .filter((r) => hooks.get(r.kind)?.exercisable !== false && !testsByRule.has(r.id))
    .map((r) => r.id);
  const tested = ruleSet.rules.filter((r) => testsByRule.has(r.id)).length;
  const uncovered = rows
    .filter((r) => r.rules.length === 0 && r.manifest.length === 0)
    .map((r) => r.provision);
  if (format === 'json') {
    console.log(
      JSON.stringify({ provisions: rows, uncoveredProvisions: uncovered, untestedRules: untested }, null, 2),
    );
  } else {
    console.log(
      renderTable(
        ['provision', 'rules', 'tests'],
        rows.map((r) => [r.provision, [...r.manifest, ...r.rules].join(', '), String(r.tests)]),
      ),
    );
    console.log(
      `\n${rows.length} provisions, ${rows.length - uncovered.length} encoded; ${ruleSet.rules.length} rules, ${tested} with a test, ${ruleSet.rules.length - tested - untested.length} that need none (principles, procedures); ${outcomes.length} test cases`,
    );
    if (uncovered.length > 0) console.log(`provisions not encoded: ${uncovered.join(', ')}`);
    if (untested.length > 0) console.log(`rules without a test: ${untested.join(', ')}`);
  }
  return uncovered.length === 0 && untested.length === 0 ? 0 : 1;
}
