import { Evaluator } from '../engine/evaluator.js';
import { subjectChanges } from '../engine/impact.js';
import { parsePeriod } from '../periods/index.js';
import { vocabularyOfAny } from '../rules/vocabulary.js';
import { formatOption, parse, requireOptions } from './args.js';
import { readFactsOrReport } from './facts-file.js';
import { inputError, notInForce } from './in-force.js';
import { loadRulesOrReport } from './load-rules.js';
import { renderTable } from './table.js';

export const compareHelp = `Usage: kaohe compare --revision <rules-dir> --kind <kind> --period <period> --facts <file.ndjson> [--rules dir] [--format text|json]

Shows what a revision of the rules would change before it goes live: evaluates the same facts under
the current rule set (--rules, default: rules) and under the revision, and lists every subject whose
score, rank, bottom-group membership or tier differs. Both rule sets must lint clean. With
--format json, each change also names the provisions and parameter values that moved: the report
POST /v1/rulesets/impact gives per kind and period.

Exit status: 0 when the revision changes nothing for this kind and period, 1 when it changes
something or an input is invalid, 2 on a usage error.`;

type Row = { subject: string; field: string; current: unknown; revision: unknown };

export async function compare(argv: string[]): Promise<number> {
  const opts = {
    revision: { type: 'string' },
    kind: { type: 'string' },
    period: { type: 'string' },
    facts: { type: 'string' },
    rules: { type: 'string' },
    format: { type: 'string' },
  } as const;
  const { values } = parse(argv, opts, compareHelp);
  const format = formatOption(values.format as string | undefined, ['text', 'json'], compareHelp);
  requireOptions(values, ['revision', 'kind', 'period', 'facts'], compareHelp);
  const rulesDir = (values.rules as string | undefined) ?? 'rules';
  const current = loadRulesOrReport(rulesDir);
  const revision = loadRulesOrReport(values.revision as string);
  if (!current || !revision) return 1;
  const start = parsePeriod(values.period)?.start;
  const outside =
    start && (notInForce(current, start, rulesDir) ?? notInForce(revision, start, values.revision as string));
  if (outside) {
    console.error(`kaohe: ${outside}`);
    return 1;
  }
  const facts = readFactsOrReport(values.facts as string, vocabularyOfAny(current, revision));
  if (!facts) return 1;
  const run = async (ruleSet: typeof current) =>
    (await new Evaluator(ruleSet).context(facts)).evaluate(values.kind as string, values.period as string);
  let a: Awaited<ReturnType<typeof run>>;
  let b: typeof a;
  try {
    [a, b] = [await run(current), await run(revision)];
  } catch (error) {
    const message = inputError(error);
    if (message === null) throw error;
    console.error(`kaohe: ${message}`);
    return 1;
  }
  // The same report as POST /v1/rulesets/impact gives per kind and period (engine/impact.ts).
  const changes = subjectChanges(a.results, b.results);
  const rows: Row[] = changes.flatMap((c) =>
    Object.entries(c.fields).map(([field, v]) => ({
      subject: c.subject,
      field,
      current: v.current,
      revision: v.revision,
    })),
  );
  if (format === 'json') {
    console.log(
      JSON.stringify(
        { kind: a.kind, period: a.period, current: a.ruleset, revision: b.ruleset, changes },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `${a.kind} ${a.period}: ${a.ruleset.version} (${a.ruleset.hash.slice(0, 12)}) → ${b.ruleset.version} (${b.ruleset.hash.slice(0, 12)})`,
    );
    if (rows.length === 0) console.log('no subject changes');
    else
      console.log(
        renderTable(
          ['subject', 'field', 'current', 'revision'],
          rows.map((r) => [r.subject, r.field, show(r.current), show(r.revision)]),
        ),
      );
  }
  return rows.length === 0 ? 0 : 1;
}

function show(v: unknown): string {
  return v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
}
