// The server's own ceiling for kaohe's ingest: the fact documents kaohe writes for two copies of the
// example centre (33,546 facts), inserted with the bare driver in batches of 1,000 (insertMany,
// unordered, as the adapter does; then ordered; then two batches in flight at once), with no HTTP,
// validation, batch ledger or reads. If this is not far above the HTTP ingest figure, the server
// is the bottleneck, not kaohe. Then the same facts through the store, timing each step of a batch.
//
// Run alone after compiling: `MONGODB_URI=... node dist/bench/mongo-raw.js`.
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import type { Fact } from '../src/model/fact.js';
import { prepareBatch } from '../src/store/common.js';
import { type FactDoc, factDoc, type ReservationDoc } from '../src/store/mongo/documents.js';
import { MongoStore } from '../src/store/mongo/store.js';
import { centre } from './http.js';

const BATCH = 1000;

const copies = (tag: string): Fact[] => [...centre(`${tag}0-`), ...centre(`${tag}1-`)];

function documents(): FactDoc[][] {
  const facts = copies('raw');
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

/**
 * The same facts through the store (appendFacts, in-process, no HTTP): facts/s, and the time of
 * each command kind per batch (driver command monitoring): reserve, facts, commit.
 */
async function throughStore(uri: string): Promise<Record<string, number>> {
  const client = new MongoClient(uri, { monitorCommands: true });
  await client.connect();
  const db = client.db(`kaohe_bench_steps_${Date.now().toString(36)}`);
  try {
    const store = await MongoStore.open(db);
    const facts = copies('steps');
    const names = new Map<number, string>();
    const ms = new Map<string, number>();
    client.on('commandStarted', (e) => {
      names.set(e.requestId, `${e.commandName}.${String(e.command[e.commandName])}`);
    });
    client.on('commandSucceeded', (e) => {
      const name = names.get(e.requestId) ?? e.commandName;
      ms.set(name, (ms.get(name) ?? 0) + e.duration);
    });
    const started = performance.now();
    let batches = 0;
    for (let i = 0; i < facts.length; i += BATCH, batches++)
      await store.appendFacts(facts.slice(i, i + BATCH));
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    const perBatch = (name: string) => Math.round(((ms.get(name) ?? 0) / batches) * 100) / 100;
    return {
      'mongodb.store.appendFacts.factsPerSecond': Math.round(facts.length / seconds),
      'mongodb.store.perBatch.ms': Math.round((seconds * 1000 * 100) / batches) / 100,
      'mongodb.store.perBatch.reserveMs': perBatch('insert.batch_reservations'),
      'mongodb.store.perBatch.factsMs': perBatch('insert.facts'),
      'mongodb.store.perBatch.commitMs': perBatch('insert.batches'),
    };
  } finally {
    await db.dropDatabase();
    await client.close();
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
      ...(await throughStore(uri)),
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
