// `npm run bench`: the engine in-process, then the stores and the HTTP service when their
// benchmarks are present. Numbers, not adjectives: the README and closing notes quote these.

import { benchEngine } from './engine.js';
import { DISTRICT } from './generate-district.js';

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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
