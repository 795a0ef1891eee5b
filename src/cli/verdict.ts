import { Evaluator } from '../engine/evaluator.js';
import { camel } from '../engine/verdict.js';
import { isValidDate } from '../periods/index.js';
import { vocabularyOfAny } from '../rules/vocabulary.js';
import { formatOption, parse, requireOptions, UsageError } from './args.js';
import { readFactsOrReport } from './facts-file.js';
import { inputError, notInForce } from './in-force.js';
import { loadRulesOrReport } from './load-rules.js';
import { renderTable } from './table.js';

export const verdictHelp = `Usage: kaohe verdict --staff <id> --date <YYYY-MM-DD> --facts <file.ndjson> [--verdict id] [--rules dir] [--format json|table]

Asks a verdict about one staff member on a date (default verdict: return-to-unit) over the facts of
an NDJSON file: every condition, met or not, with its evidence (periods, fact ids, parameter
values). "On a date" means as things stood at the start of that day. --format json prints exactly
the JSON of GET /v1/verdicts/return-to-unit (without asOf).

Exit status: 0 on success (whatever the verdict), 1 on invalid input or an unknown staff member, 2 on a usage error.`;

export async function verdictCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      staff: { type: 'string' },
      date: { type: 'string' },
      facts: { type: 'string' },
      verdict: { type: 'string' },
      rules: { type: 'string' },
      format: { type: 'string' },
    },
    verdictHelp,
  );
  const format = formatOption(values.format as string | undefined, ['table', 'json'], verdictHelp);
  requireOptions(values, ['staff', 'date', 'facts'], verdictHelp);
  if (!isValidDate(values.date))
    throw new UsageError(`--date must be a calendar date YYYY-MM-DD (got ${values.date})`);
  const rulesDir = (values.rules as string | undefined) ?? 'rules';
  const ruleSet = loadRulesOrReport(rulesDir);
  if (!ruleSet) return 1;
  const outside = notInForce(ruleSet, values.date as string, rulesDir);
  if (outside) {
    console.error(`kaohe: ${outside}`);
    return 1;
  }
  const facts = readFactsOrReport(values.facts as string, vocabularyOfAny(ruleSet));
  if (!facts) return 1;
  const evaluator = new Evaluator(ruleSet);
  const verdictId = (values.verdict as string | undefined) ?? evaluator.verdicts()[0] ?? '';
  const ctx = await evaluator.context(facts);
  try {
    const body = await ctx.verdict(verdictId, values.staff as string, values.date as string);
    if (format === 'json') {
      console.log(JSON.stringify(body, null, 2));
      return 0;
    }
    const flag = body[camel(verdictId)];
    console.log(
      `${verdictId} ${body.subject.kind}:${body.subject.id} on ${body.date}: ${flag ? 'YES' : 'no'} — rule set ${body.ruleset.version}`,
    );
    const rows = body.conditions.map((c) => {
      const measures = (c.evidence.measures ?? {}) as Record<
        string,
        { value: unknown; periods?: string[]; factIds?: string[]; period?: string }
      >;
      const detail = Object.entries(measures)
        .map(
          ([name, m]) =>
            `${name}=${JSON.stringify(m.value)}${m.periods?.length ? ` [${m.periods.join(' ')}]` : ''}${m.period ? ` [${m.period}]` : ''}${m.factIds?.length ? ` [${m.factIds.slice(0, 3).join(' ')}${m.factIds.length > 3 ? ' …' : ''}]` : ''}`,
        )
        .join('; ');
      return [c.provision, c.met ? 'MET' : '', c.rule, detail];
    });
    console.log(renderTable(['provision', 'met', 'rule', 'evidence'], rows));
    return 0;
  } catch (error) {
    const message = inputError(error);
    if (message === null) throw error;
    console.error(`kaohe: ${message}`);
    return 1;
  }
}
