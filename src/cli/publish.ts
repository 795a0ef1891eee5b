// kaohe publish: the notice of an evaluation rendered offline from a facts file, marked as a draft
// (the templates' draft label) — the same templates as /p/, nothing stored or published.
import { writeFileSync } from 'node:fs';
import { buildNotice } from '../documents/notice.js';
import { loadTemplates, renderCsv, renderHtml, renderXlsx } from '../documents/render.js';
import { EvaluationError } from '../engine/context.js';
import { Evaluator } from '../engine/evaluator.js';
import { PeriodError } from '../periods/index.js';
import { formatOption, parse, requireOptions } from './args.js';
import { readFactsOrReport } from './facts-file.js';
import { loadRulesOrReport } from './load-rules.js';

export const publishHelp = `Usage: kaohe publish --kind <kind> --period <period> --facts <file.ndjson> [--format html|csv|xlsx] [--out file] [--rules dir] [--templates dir]

Renders the notice of an evaluation (half-month attendance, monthly circular, quarterly results,
annual and window grades) from a facts file, as the service publishes it at /p/, but marked as a
draft (the "draft" label of templates/labels.yaml): a preview for the inspection department
before the round is proposed. HTML carries its style sheet inline; CSV is UTF-8 with a BOM (Excel
opens it); XLSX needs --out (without --out, HTML and CSV go to standard output).

Exit status: 0 on success, 1 when the facts or rules are invalid or the kind/period is unknown, 2 on a usage error.`;

export async function publish(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      kind: { type: 'string' },
      period: { type: 'string' },
      facts: { type: 'string' },
      rules: { type: 'string' },
      templates: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    publishHelp,
  );
  const format = formatOption(values.format as string | undefined, ['html', 'csv', 'xlsx'], publishHelp);
  requireOptions(values, ['kind', 'period', 'facts', ...(format === 'xlsx' ? ['out'] : [])], publishHelp);
  const ruleSet = loadRulesOrReport((values.rules as string | undefined) ?? 'rules');
  if (!ruleSet) return 1;
  const facts = readFactsOrReport(values.facts as string);
  if (!facts) return 1;
  const templates = loadTemplates(values.templates as string | undefined);
  const context = await new Evaluator(ruleSet).context(facts, { digest: true });
  let notice: ReturnType<typeof buildNotice>;
  try {
    const evaluation = context.evaluate(values.kind as string, values.period as string);
    notice = buildNotice({ ruleSet, evaluation, index: context.index, wording: templates.wording });
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof PeriodError) {
      console.error(`kaohe: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const out = values.out as string | undefined;
  const content =
    format === 'xlsx'
      ? await renderXlsx(templates, notice)
      : format === 'csv'
        ? renderCsv(templates, notice)
        : renderHtml(templates, notice, { downloads: [], inline: true });
  if (out) writeFileSync(out, content);
  else process.stdout.write(content);
  return 0;
}
