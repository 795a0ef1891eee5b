// Deterministic synthetic data for a realistic centre: the example in examples/centre/ and the
// fixture for tests. Same options and seed → byte-identical facts (no Math.random, no clock).
//
//   node dist/examples/generate.js [--out examples/centre/facts.ndjson] [--seed 2018]
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fact } from '../src/model/fact.js';
import { emitActivity, emitYearEnd } from './lib/activity.js';
import { workingDayOnOrAfter } from './lib/calendar.js';
import { type Cast, castRoles } from './lib/cast.js';
import { emitFindings, emitRetractions } from './lib/noise.js';
import { Rng } from './lib/prng.js';
import { buildRoster, emitRoster, type Roster } from './lib/roster.js';
import { FactSink, Ledger } from './lib/sink.js';

export type { Cast, Heavy, Role } from './lib/cast.js';
export { mulberry32, Rng } from './lib/prng.js';

export interface CentreOptions {
  seed: number;
  staff: number;
  windows: number;
  years: number[];
  /** Rating + cases facts per staff member and year (default 156: a `cases` fact and ~2 ratings a week). */
  factsPerStaffPerYear?: number;
}

/** The committed example: examples/centre/facts.ndjson. */
export const EXAMPLE_CENTRE: CentreOptions = { seed: 2018, staff: 48, windows: 12, years: [2018, 2019] };

/** The roster and the designed cast (who is meant to meet which A7.4 condition, and each quarter's
 * bottom group), without generating the facts. */
export function planCentre(options: CentreOptions): { roster: Roster; cast: Cast } {
  if (options.years.length === 0 || options.staff < 1 || options.windows < 1) {
    throw new Error('a centre needs at least one year, one staff member and one window');
  }
  const rng = new Rng(options.seed);
  const roster = buildRoster(options, rng.fork(1), ['S044']);
  const cast = castRoles(roster, rng.fork(2));
  return { roster, cast };
}

export function generateCentre(options: CentreOptions): Fact[] {
  const rng = new Rng(options.seed);
  const { roster, cast } = planCentre(options);
  const sink = new FactSink();
  const ledger = new Ledger();
  emitRoster(roster, sink, workingDayOnOrAfter(roster.from));
  const noise = emitFindings(roster, cast, sink, ledger, rng.fork(3));
  emitActivity(roster, cast, sink, rng.fork(4), options.factsPerStaffPerYear);
  emitYearEnd(roster, sink);
  emitRetractions(noise, sink, ledger, rng.fork(5), roster.to);
  return sink.sorted();
}

/** One JSON object a line, with a final newline: the format `kaohe` and the API import. */
export function toNdjson(facts: readonly Fact[]): string {
  let out = '';
  for (const f of facts) out += `${JSON.stringify(f)}\n`;
  return out;
}

function main(argv: string[]): void {
  let out = 'examples/centre/facts.ndjson';
  const options = { ...EXAMPLE_CENTRE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out' && value) out = value;
    else if (arg === '--seed' && value) options.seed = Number(value);
    else throw new Error(`usage: generate.js [--out FILE] [--seed N] (got ${arg})`);
    i++;
  }
  const facts = generateCentre(options);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toNdjson(facts));
  process.stdout.write(`wrote ${facts.length} facts to ${out}\n`);
}

// Run only as a program, never on import (tests import this module).
const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(realpathSync(invoked)).href) main(process.argv.slice(2));
