import { Evaluator } from '../engine/evaluator.js';
import type { EvaluationBody } from '../engine/types.js';
import { parsePeriod } from '../periods/index.js';
import { vocabularyOfAny } from '../rules/vocabulary.js';
import { formatOption, parse, requireOptions } from './args.js';
import { readFactsOrReport } from './facts-file.js';
import { inputError, notInForce } from './in-force.js';
import { loadRulesOrReport } from './load-rules.js';
import { renderTable } from './table.js';

export const evaluateHelp = `Usage: kaohe evaluate --kind <kind> --period <period> --facts <file.ndjson> [--rules dir] [--format json|table]

Evaluates facts (NDJSON: one fact of docs/facts.md a line) against the rule set (default: rules) and
prints the evaluation: with --format json exactly the JSON of POST /v1/verdicts (the evaluation
shape less id and asOf), with --format table (default) one line per subject.

Kinds are defined by the rule set; the shipped rules define staff-half-month-attendance (2018-01-H2),
staff-month-circular (2018-03), staff-quarter (2018-Q1), staff-year (2018), window-quarter, window-year.

Exit status: 0 on success, 1 when the facts or rules are invalid or the kind/period is unknown, 2 on a usage error.`;

export async function evaluate(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      kind: { type: 'string' },
      period: { type: 'string' },
      facts: { type: 'string' },
      rules: { type: 'string' },
      format: { type: 'string' },
    },
    evaluateHelp,
  );
  const format = formatOption(values.format as string | undefined, ['table', 'json'], evaluateHelp);
  requireOptions(values, ['kind', 'period', 'facts'], evaluateHelp);
  const rulesDir = (values.rules as string | undefined) ?? 'rules';
  const ruleSet = loadRulesOrReport(rulesDir);
  if (!ruleSet) return 1;
  // Refused only when the rule set covers no day of the period: a period that straddles
  // effective.from is evaluated over its in-force part, and the results say so (inForce).
  const period = parsePeriod(values.period);
  const outside =
    period && notInForce(ruleSet, period.end, rulesDir) && notInForce(ruleSet, period.start, rulesDir);
  if (outside) {
    console.error(`kaohe: ${outside}`);
    return 1;
  }
  const facts = readFactsOrReport(values.facts as string, vocabularyOfAny(ruleSet));
  if (!facts) return 1;
  const evaluator = new Evaluator(ruleSet);
  const ctx = await evaluator.context(facts, { digest: true });
  let body: EvaluationBody;
  try {
    body = ctx.evaluate(values.kind as string, values.period as string);
  } catch (error) {
    const message = inputError(error);
    if (message === null) throw error;
    console.error(`kaohe: ${message}`);
    return 1;
  }
  if (format === 'json') console.log(JSON.stringify(body, null, 2));
  else printEvaluation(body);
  return 0;
}

function printEvaluation(body: EvaluationBody): void {
  console.log(
    `${body.kind} ${body.period} — rule set ${body.ruleset.version} (${body.ruleset.hash.slice(0, 12)}), ${body.results.length} results`,
  );
  const rows = body.results.map((r) => {
    const deductions = r.items
      .filter((i) => (i.points ?? 0) < 0)
      .map((i) => `${i.code ?? i.rule} ${i.points}`);
    return [
      `${r.subject.kind}:${r.subject.id}`,
      r.score === undefined ? '' : String(Math.round(r.score * 100) / 100),
      r.rank === undefined ? '' : String(r.rank),
      r.bottomGroup ? 'yes' : r.bottomGroup === false ? '' : '',
      r.tier ? `${r.tier.label}${r.tier.decided ? ' (decided)' : ''}` : '',
      deductions.slice(0, 4).join(', ') + (deductions.length > 4 ? ` … +${deductions.length - 4}` : ''),
    ];
  });
  console.log(renderTable(['subject', 'score', 'rank', 'bottom', 'tier', 'deductions'], rows));
}
