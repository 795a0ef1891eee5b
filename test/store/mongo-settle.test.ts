// Store.settle on MongoDB: a result recorded at asOf (an evaluation) must replay over the same facts
// even while other processes append. settle waits for a batch still being written with a recordedAt
// <= asOf, and makes every later batch, from any process, later than asOf.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  batchKey,
  type FactDoc,
  MONGO_COLLECTIONS,
  MongoStore,
  type ReservationDoc,
} from '../../src/store/mongo/store.js';
import { collect, finding } from './contract.js';

const uri = inject('mongodbUri');

describe.skipIf(uri === null)('mongodb settle(asOf)', () => {
  const mongoUri = uri as string;
  const dbName = `kaohe_settle_${process.pid}_${randomBytes(3).toString('hex')}`;
  afterAll(async () => {
    const client = new MongoClient(mongoUri);
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('waits for a batch at or before asOf still being written, and puts later batches after asOf', async () => {
    const a = await MongoStore.connect(mongoUri, dbName);
    const b = await MongoStore.connect(mongoUri, dbName);
    const admin = new MongoClient(mongoUri);
    try {
      await a.appendFacts([finding('s1', 'S001', '2018-03-01')]);
      const db = admin.db(dbName);
      const reservations = db.collection<ReservationDoc>(MONGO_COLLECTIONS.reservations);
      const last = await reservations.find({}).sort({ _id: -1 }).limit(1).next();
      if (!last) throw new Error('no reservation');
      // Another process is writing a batch recorded just now.
      const live: ReservationDoc = {
        _id: batchKey(last.n + 1),
        n: last.n + 1,
        rt: new Date(Math.max(Date.now(), Date.parse(last.rt) + 1)).toISOString(),
        seqFrom: last.seqFrom + last.count,
        count: 1,
        owner: 'live-writer',
        at: new Date(),
      };
      await reservations.insertOne(live);
      await db.collection<FactDoc>(MONGO_COLLECTIONS.facts).insertOne({
        _id: 'l1',
        rt: live.rt,
        seq: live.seqFrom,
        t: 'finding',
        s: 'staff:S001',
        on: '2018-03-01',
        rest: JSON.stringify({ source: 'video-patrol', data: { code: 'late' } }),
      });
      const asOf = new Date(Date.parse(live.rt) + 5).toISOString();
      expect(await a.watermark(asOf)).not.toBe(live.rt); // not committed yet: not known
      let settled = false;
      const settling = a.settle(asOf).then(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      await db.collection(MONGO_COLLECTIONS.batches).insertOne({
        _id: live._id,
        n: live.n,
        state: 'committed',
        rt: live.rt,
        residue: false,
        stored: 1,
      } as object);
      await settling;
      // Now the facts known at asOf are final: they include the live batch...
      expect(await a.watermark(asOf)).toBe(live.rt);
      const known = (await collect(a.streamFacts({ asOf }))).map((f) => f.id);
      expect(known).toEqual(['s1', 'l1']);
      // ...and a batch appended afterwards by another process is recorded after asOf.
      const later = await b.appendFacts([finding('s2', 'S001', '2018-03-01')]);
      expect(later.recordedAt > asOf).toBe(true);
      expect((await collect(b.streamFacts({ asOf }))).map((f) => f.id)).toEqual(known);
    } finally {
      await a.close();
      await b.close();
      await admin.close();
    }
  });
});
