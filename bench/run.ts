// `npm run bench`: the engine in-process, then the stores and the HTTP service when their
// benchmarks are present. Numbers, not adjectives: the README and closing notes quote these.

import { benchConsole } from './console.js';
import { benchStaffPage } from './console-staff.js';
import { benchDocuments } from './documents.js';
import { benchEngine, loadShippedRules } from './engine.js';
import { DISTRICT } from './generate-district.js';
import { benchRatio, RATIO_ROUNDS, type RatioBench, type Timings } from './ratio.js';

// Two years of a scaled centre: staff ×2 (facts with them), then facts ×2 at the same staff.
const SCALES = [
  { staff: 1_920, factsPerStaffYear: 200, target: true },
  { staff: 3_840, factsPerStaffYear: 200, target: true },
  { staff: 1_920, factsPerStaffYear: 400, target: false },
];
const RATIO_TARGET = 2;

function line(label: string, value: number, unit: string, target?: string): void {
  console.log(
    `${label.padEnd(44)} ${value.toLocaleString('en-US', { maximumFractionDigits: 2 }).padStart(14)} ${unit}${target ? `   (target ${target})` : ''}`,
  );
}

async function main(): Promise<void> {
  console.log(`kaohe bench — node ${process.version}, ${new Date().toISOString()}`);
  const small = await benchEngine({ ...DISTRICT, totalFacts: 250_000 });
  const big = await benchEngine(DISTRICT);
  console.log('\nengine, in-process (district year: 250 staff, 60 windows)');
  line('facts indexed', big.facts, 'facts');
  line('index build', big.factsPerSecond, 'facts/s');
  line('all kinds × all periods of the year', big.evaluationsSeconds * 1000, 'ms', '');
  line('  results produced', big.results, 'results');
  line('return-to-unit verdicts (every staff member)', big.verdictSeconds * 1000, 'ms');
  line('TOTAL facts → every result and verdict', big.totalSeconds * 1000, 'ms', '≤ 2,000 ms');
  line('staff-quarter results/s (no cache)', big.staffQuarterResultsPerSecond, 'results/s', '≥ 20,000');
  line('heap after index, 250,000 facts', small.heapAfterIndexMb, 'MB');
  line('heap after index, 1,250,000 facts', big.heapAfterIndexMb, 'MB');
  line('peak RSS', big.peakRssMb, 'MB');

  console.log(
    '\nengine against a hand-written baseline (bench/baseline.ts), two years of facts: every staff-quarter,' +
      `\nboth staff-years, every return-to-unit verdict; CPU ms of this process, the best of ${RATIO_ROUNDS} alternating runs each`,
  );
  const header = 'index quarters years verdicts  total';
  console.log(
    `${'staff'.padStart(6)} ${'facts'.padStart(10)} | engine ${header} | baseline ${header} | ratio`,
  );
  const ruleSet = loadShippedRules();
  const missed: string[] = [];
  for (const { target, ...scale } of SCALES) {
    const r = await benchRatio(ruleSet, scale);
    console.log(ratioLine(r) + (target ? `   (target ≤ ${RATIO_TARGET})` : ''));
    if (target && r.ratio > RATIO_TARGET) missed.push(`${r.staff} staff: ${r.ratio.toFixed(2)}×`);
  }
  console.log('  answers equal: every score, rank, bottom group, grade and condition (else the bench fails)');
  if (missed.length > 0) console.log(`  ratio above target at ${missed.join(', ')}`);

  const docs = await benchDocuments();
  console.log(`\nnotices (quarterly staff notice of the district: ${docs.rows} rows, median of 21)`);
  line('notice model from the evaluation', docs.noticeMs, 'ms');
  line('HTML page (nunjucks, autoescaped)', docs.htmlMs, 'ms');
  line('  HTML size', docs.htmlBytes / 1024, 'KiB');
  line('CSV', docs.csvMs, 'ms');
  line('XLSX (exceljs, median of 7)', docs.xlsxMs, 'ms');

  console.log('\nconsole pages (district, 250,000 facts; Server-Timing of the page, median of 11)');
  for (const p of await benchConsole()) {
    console.log(`  ${p.page} (${p.rows} results, ${(p.htmlBytes / 1024).toFixed(0)} KiB)`);
    line('  service calls (round, evaluation, notice)', p.serviceMs, 'ms');
    line('  template (nunjucks)', p.renderMs, 'ms');
    line('  to the last byte, local socket', p.totalMs, 'ms');
  }

  const staff = await benchStaffPage();
  console.log(
    `\nconsole: the auditor's staff page (${staff.subject}, ${staff.facts.toLocaleString('en-US')} district facts; ${(staff.htmlBytes / 1024).toFixed(0)} KiB)`,
  );
  line('  first request (builds the evaluation context)', staff.firstMs, 'ms');
  line('  service calls (median of 21)', staff.serviceMs, 'ms');
  line('  template (nunjucks)', staff.renderMs, 'ms');
  line('  to the last byte, local socket', staff.medianMs, 'ms');
}

function ratioLine(r: RatioBench): string {
  const ms = (t: Timings) =>
    [t.index, t.quarters, t.years, t.verdicts, t.total]
      .map((v, i) =>
        Math.round(v)
          .toLocaleString('en-US')
          .padStart([5, 8, 5, 8, 6][i] ?? 6),
      )
      .join(' ');
  return `${r.staff.toLocaleString('en-US').padStart(6)} ${r.facts.toLocaleString('en-US').padStart(10)} |        ${ms(r.engine)} |          ${ms(r.baseline)} | ${r.ratio.toFixed(2).padStart(5)}×`;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
