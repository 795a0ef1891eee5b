// Notice rendering: the quarterly staff notice of the district (250 staff) built from its
// evaluation and rendered as HTML, CSV and XLSX — what GET /p/{id} costs once its notice is built
// (the service caches the notice model per publication; the HTML is rendered per request).
import { buildNotice } from '../src/documents/notice.js';
import { loadTemplates, renderCsv, renderHtml, renderXlsx } from '../src/documents/render.js';
import { Evaluator } from '../src/engine/evaluator.js';
import { installKinds } from '../src/kinds/index.js';
import type { StoredFact } from '../src/model/fact.js';
import { loadShippedRules } from './engine.js';
import { DISTRICT, districtFacts } from './generate-district.js';

installKinds();

export interface DocumentsBench {
  staff: number;
  rows: number;
  noticeMs: number;
  htmlMs: number;
  csvMs: number;
  xlsxMs: number;
  htmlBytes: number;
}

async function median(runs: number, f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export async function benchDocuments(): Promise<DocumentsBench> {
  const ruleSet = loadShippedRules();
  const options = { ...DISTRICT, totalFacts: 250_000 };
  const facts: StoredFact[] = [];
  let seq = 0;
  for (const f of districtFacts(options))
    facts.push({ ...f, recordedAt: '2019-01-15T00:00:00.000Z', seq: seq++ });
  const context = await new Evaluator(ruleSet).context(facts);
  const period = `${options.year}-Q4`;
  const evaluation = context.evaluate('staff-quarter', period);
  const templates = loadTemplates();
  const build = () => buildNotice({ ruleSet, evaluation, index: context.index, wording: templates.wording });
  const notice = build();
  const noticeMs = await median(21, build);
  let html = '';
  const htmlMs = await median(21, () => {
    html = renderHtml(templates, notice, { cssHref: 'assets/notice.css', downloads: [] });
  });
  const csvMs = await median(21, () => renderCsv(templates, notice));
  const xlsxMs = await median(7, () => renderXlsx(templates, notice));
  return {
    staff: options.staff,
    rows: notice.rows.length,
    noticeMs,
    htmlMs,
    csvMs,
    xlsxMs,
    htmlBytes: Buffer.byteLength(html),
  };
}
