// The server's own ceiling for kaohe's ingest: the fact documents kaohe writes for two copies of the
// example centre (33,546 facts), inserted with the bare driver in batches of 1,000 (insertMany,
// unordered, as the adapter does; then ordered; then two batches in flight at once), with no HTTP,
// validation, batch ledger or reads. If this is not far above the HTTP ingest figure, the server
// is the bottleneck, not kaohe.
//
// Run alone after compiling: `MONGODB_URI=... node dist/bench/mongo-raw.js`.
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { prepareBatch } from '../src/store/common.js';
import { type FactDoc, factDoc, type ReservationDoc } from '../src/store/mongo/documents.js';
import { centre } from './http.js';

const BATCH = 1000;

function documents(): FactDoc[][] {
  const facts = [...centre('raw0-'), ...centre('raw1-')];
  const batches: FactDoc[][] = [];
  for (let i = 0; i < facts.length; i += BATCH) {
    const batch = prepareBatch(facts.slice(i, i + BATCH));
    const reservation: ReservationDoc = {
      _id: String(i),
      n: i,
      rt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
      seqFrom: i + 1,
      count: batch.facts.length,
      owner: 'bench',
      at: new Date(),
    };
    batches.push(batch.facts.map((f, k) => factDoc(f, reservation, k)));
  }
  return batches;
}

/** Facts/s inserting every batch, `parallel` batches in flight at a time, into a fresh database. */
async function insertAll(
  client: MongoClient,
  batches: FactDoc[][],
  parallel: number,
  ordered = false,
): Promise<number> {
  const db = client.db(`kaohe_bench_raw_${Date.now().toString(36)}`);
  try {
    const facts = db.collection<FactDoc>('facts');
    const total = batches.reduce((n, b) => n + b.length, 0);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < batches.length) {
          const batch = batches[next++] as FactDoc[];
          await facts.insertMany(batch, { ordered });
        }
      }),
    );
    return Math.round(total / ((performance.now() - started) / 1000));
  } finally {
    await db.dropDatabase();
  }
}

export async function benchMongoRaw(uri: string): Promise<Record<string, number>> {
  const client = new MongoClient(uri);
  await client.connect();
  try {
    const batches = documents();
    return {
      'mongodb.raw.insertMany.factsPerSecond': await insertAll(client, batches, 1),
      'mongodb.raw.insertMany.ordered.factsPerSecond': await insertAll(client, batches, 1, true),
      'mongodb.raw.insertMany.x2.factsPerSecond': await insertAll(client, batches, 2),
    };
  } finally {
    await client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.log('MONGODB_URI not set: the raw MongoDB ceiling is not measured');
  } else {
    benchMongoRaw(uri).then(
      (r) => {
        for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(40)} ${v}`);
      },
      (error) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
