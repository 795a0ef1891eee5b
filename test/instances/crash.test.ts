// `kill -9` of one instance in the middle of a batch: the others keep serving, the half-written
// batch never becomes visible, its lease (BATCH_LEASE_MS) runs out and another instance aborts it,
// and the client's retry through another instance stores the whole batch.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type BatchDoc,
  batchKey,
  MONGO_COLLECTIONS,
  type ReservationDoc,
} from '../../src/store/mongo/store.js';
import {
  allFacts,
  call,
  dropDatabase,
  exited,
  type Instance,
  lateFinding,
  postFacts,
  startInstance,
  testDatabase,
} from './support.js';

const uri = inject('mongodbUri');
const LEASE_MS = 3000;
const BIG = 10_000;

describe.skipIf(uri === null)('kill -9 of an instance mid-batch', () => {
  const mongodbUri = uri as string;
  const db = testDatabase('crash');
  const instances: Instance[] = [];
  let client: MongoClient;

  beforeAll(async () => {
    client = new MongoClient(mongodbUri);
    await client.connect();
    for (const name of ['A', 'B']) {
      instances.push(await startInstance(name, mongodbUri, db, { BATCH_LEASE_MS: String(LEASE_MS) }));
    }
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await client.close();
    await dropDatabase(mongodbUri, db);
  });

  it('keeps the batch invisible, recovers its lease, serves meanwhile and stores the retry', async () => {
    const [a, b] = instances as [Instance, Instance];
    const reservations = client.db(db).collection<ReservationDoc>(MONGO_COLLECTIONS.reservations);
    const batches = client.db(db).collection<BatchDoc>(MONGO_COLLECTIONS.batches);
    expect((await postFacts(a, [lateFinding('before-1', 'S1')])).status).toBe(200);
    const last = await reservations.find({}).sort({ _id: -1 }).limit(1).next();
    const key = batchKey((last?.n ?? 0) + 1);

    // A takes a big batch; it is killed as soon as the batch holds its reservation (mid-write).
    const big = Array.from({ length: BIG }, (_, i) => lateFinding(`crash-${i}`, `S${(i % 40) + 1}`));
    const lost = postFacts(a, big).then(
      (r) => `answered ${r.status}`,
      () => 'connection lost',
    );
    const deadline = Date.now() + 60_000;
    while (!(await reservations.findOne({ _id: key }))) {
      if (Date.now() > deadline) throw new Error(`A never reserved batch ${key}:\n${a.output()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    a.child.kill('SIGKILL');
    await exited(a.child);
    expect(await lost).toBe('connection lost');
    expect(await batches.findOne({ _id: key })).toBeNull(); // no outcome: killed mid-batch

    // B serves reads at once, and never shows any of the batch.
    const verdict = await call(b, 'GET', '/v1/verdicts/return-to-unit?staff=S1&date=2018-03-20');
    expect(verdict.status).toBe(200);
    expect((await allFacts(b)).filter((f) => f.id.startsWith('crash-'))).toEqual([]);

    // A new batch through B waits for the lease to run out, then aborts the dead batch and commits;
    // reads on B keep answering while it waits.
    const started = performance.now();
    let writing = true;
    const readLatencies: number[] = [];
    const reads = (async () => {
      while (writing) {
        const t0 = performance.now();
        const r = await call(b, 'GET', '/v1/verdicts/return-to-unit?staff=S1&date=2018-03-21');
        expect(r.status).toBe(200);
        readLatencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const after = await postFacts(b, [lateFinding('after-1', 'S2')]);
    const waited = performance.now() - started;
    writing = false;
    await reads;
    expect(after.status).toBe(200);
    expect(after.body.stored).toBe(1);
    expect(waited).toBeLessThan(LEASE_MS + 10_000);
    expect(readLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...readLatencies)).toBeLessThan(LEASE_MS);
    expect(await batches.findOne({ _id: key })).toMatchObject({ state: 'aborted' });
    const visible = await allFacts(b);
    expect(visible.map((f) => f.id)).toContain('after-1');
    expect(visible.filter((f) => f.id.startsWith('crash-'))).toEqual([]);

    // The client retries the lost batch through B: every fact stored, once, in one recordedAt.
    const retry = await postFacts(b, big);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ stored: BIG, duplicates: 0 });
    const stored = (await allFacts(b)).filter((f) => f.id.startsWith('crash-'));
    expect(stored).toHaveLength(BIG);
    expect(new Set(stored.map((f) => f.recordedAt))).toEqual(new Set([retry.body.recordedAt]));
  }, 180_000);
});
