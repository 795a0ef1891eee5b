// Ingest rate of a Store: appends `totalFacts` simple valid finding facts in batches of `batchSize`
// and reports facts per second (time spent in appendFacts only; generating the facts is excluded).
//
// Run on its own (after compiling, e.g. `npm run build` then `node dist/bench/store-ingest.js`):
//   node dist/bench/store-ingest.js [totalFacts]   SQLite in a temp dir, and MongoDB if MONGODB_URI is set
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fact } from '../src/model/fact.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/port.js';

export interface IngestResult {
  store: Store['kind'];
  spread: Spread;
  totalFacts: number;
  batchSize: number;
  batches: number;
  stored: number;
  seconds: number;
  factsPerSecond: number;
  slowestBatchMs: number;
}

const CODES = [
  'late',
  'early-leave',
  'absent-from-post',
  'untidy-desk',
  'improper-dress',
  'smoking',
  'eating',
];

/**
 * `chronological`: facts arrive in the order they happened, ~1,000 a day over 500 staff (how
 * integrators post: a day's patrol findings at a time). `random`: every fact on a random day of
 * 2018 (worst case for the occurredOn index).
 */
export type Spread = 'chronological' | 'random';

function dayOf(n: number, spread: Spread): string {
  const dayIndex = spread === 'chronological' ? Math.floor(n / 1000) : (n * 2_654_435_761) % 365;
  const d = new Date(Date.UTC(2018, 0, 1 + (dayIndex % 3650)));
  return d.toISOString().slice(0, 10);
}

function makeBatch(run: string, start: number, count: number, spread: Spread): Fact[] {
  const facts: Fact[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = start + i;
    facts[i] = {
      id: `bench-${run}-${n}`,
      type: 'finding',
      subject: { kind: 'staff', id: `S${String((n * 7919) % 500).padStart(3, '0')}` },
      occurredOn: dayOf(n, spread),
      source: 'video-patrol',
      data: { code: CODES[n % CODES.length] as string },
    };
  }
  return facts;
}

export async function benchIngest(
  store: Store,
  totalFacts: number,
  batchSize = 1000,
  spread: Spread = 'chronological',
): Promise<IngestResult> {
  const run = Date.now().toString(36);
  let elapsed = 0;
  let stored = 0;
  let batches = 0;
  let slowest = 0;
  for (let start = 0; start < totalFacts; start += batchSize) {
    const batch = makeBatch(run, start, Math.min(batchSize, totalFacts - start), spread);
    const t0 = process.hrtime.bigint();
    const res = await store.appendFacts(batch);
    const ns = Number(process.hrtime.bigint() - t0);
    elapsed += ns;
    slowest = Math.max(slowest, ns);
    stored += res.stored;
    batches++;
  }
  const seconds = elapsed / 1e9;
  return {
    store: store.kind,
    spread,
    totalFacts,
    batchSize,
    batches,
    stored,
    seconds,
    factsPerSecond: Math.round(stored / seconds),
    slowestBatchMs: Math.round(slowest / 1e6),
  };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 200_000);
  for (const spread of ['chronological', 'random'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
    try {
      const sqlite = await openStore({ dataDir });
      console.log(JSON.stringify(await benchIngest(sqlite, total, 1000, spread)));
      await sqlite.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.log('MONGODB_URI not set: MongoDB ingest not measured');
    return;
  }
  const { MongoClient } = await import('mongodb');
  for (const spread of ['chronological', 'random'] as const) {
    const mongodbDb = `kaohe_bench_${Date.now().toString(36)}`;
    const mongo = await openStore({ mongodbUri: uri, mongodbDb, dataDir: '' });
    try {
      console.log(JSON.stringify(await benchIngest(mongo, total, 1000, spread)));
    } finally {
      await mongo.close();
      const client = new MongoClient(uri);
      await client.db(mongodbDb).dropDatabase();
      await client.close();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
