import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  batchKey,
  type FactDoc,
  MONGO_COLLECTIONS,
  MongoStore,
  type ReservationDoc,
} from '../../src/store/mongo/store.js';
import { openStore } from '../../src/store/open.js';
import { collect, defineStoreContract, FAR_FUTURE, finding, testClock } from './contract.js';

const uri = inject('mongodbUri');

if (uri === null) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!!  SKIPPING the MongoDB store contract suite: no MongoDB (see the globalSetup warning:\n` +
      `!!  set MONGODB_URI, or install Go and run test/mongo/build-ferretdb.sh).\n${bar}\n`,
  );
  describe.skip('Store contract — mongodb (no MongoDB available)', () => {
    it('needs MONGODB_URI or the FerretDB binary', () => undefined);
  });
} else {
  const mongoUri: string = uri;
  const prefix = `kaohe_t${process.pid}_${randomBytes(3).toString('hex')}`;
  let counter = 0;
  const freshDbName = () => `${prefix}_${++counter}`;
  let admin: MongoClient;

  beforeAll(async () => {
    admin = new MongoClient(mongoUri);
    await admin.connect();
  });
  afterAll(async () => {
    const { databases } = await admin.db('admin').admin().listDatabases({ nameOnly: true });
    for (const d of databases) {
      if (d.name.startsWith(prefix)) await admin.db(d.name).dropDatabase();
    }
    await admin.close();
  });

  defineStoreContract('mongodb', async (options) => MongoStore.connect(mongoUri, freshDbName(), options));

  describe('mongodb adapter', () => {
    it('keeps a half-written (crashed) batch invisible, aborts it, and accepts its ids again', async () => {
      const clock = testClock('2018-03-05T02:00:00.000Z');
      const dbName = freshDbName();
      const store = await MongoStore.connect(mongoUri, dbName, { now: clock.now });
      try {
        await store.appendFacts([finding('a1', 'S001', '2018-03-01')]);
        const db = admin.db(dbName);
        const reservations = db.collection<ReservationDoc>(MONGO_COLLECTIONS.reservations);
        const facts = db.collection<FactDoc>(MONGO_COLLECTIONS.facts);
        const last = await reservations.find({}).sort({ _id: -1 }).limit(1).next();
        if (!last) throw new Error('no reservation');
        // A writer that crashed long ago after writing one of its two facts:
        const ghost: ReservationDoc = {
          _id: batchKey(last.n + 1),
          n: last.n + 1,
          rt: '2018-03-05T02:00:00.500Z',
          seqFrom: last.seqFrom + last.count,
          count: 2,
          owner: 'ghost',
          at: new Date(0),
        };
        await reservations.insertOne(ghost);
        const ghostFact = (id: string, seq: number): FactDoc => ({
          _id: id,
          rt: ghost.rt,
          seq,
          t: 'finding',
          s: 'staff:S009',
          on: '2018-03-01',
          rest: JSON.stringify({ source: 'video-patrol', data: { code: 'late' } }),
        });
        await facts.insertOne(ghostFact('g1', ghost.seqFrom));
        const visibleIds = async () =>
          (await collect(store.streamFacts({ asOf: FAR_FUTURE }))).map((f) => f.id);
        expect(await visibleIds()).toEqual(['a1']);
        expect(
          (await store.queryFacts({ asOf: FAR_FUTURE, includeRetracted: true })).facts.map((f) => f.id),
        ).toEqual(['a1']);
        expect(await store.hasSubject({ kind: 'staff', id: 'S009' }, FAR_FUTURE)).toBe(false);

        // A later batch is not blocked: it aborts the expired ghost and commits after it.
        clock.advance(1000);
        const r2 = await store.appendFacts([finding('b1', 'S001', '2018-03-01')]);
        expect(r2.stored).toBe(1);
        expect(r2.recordedAt > ghost.rt).toBe(true);
        expect(await visibleIds()).toEqual(['a1', 'b1']);
        const outcome = await db.collection(MONGO_COLLECTIONS.batches).findOne({ _id: ghost._id } as object);
        expect(outcome).toMatchObject({ state: 'aborted' });

        // The ghost wakes up and writes its second fact: still invisible.
        await facts.insertOne(ghostFact('g2', ghost.seqFrom + 1));
        expect(await visibleIds()).toEqual(['a1', 'b1']);

        // Its ids can be posted again (the leftover g2 is cleared on the way).
        clock.advance(1000);
        const r3 = await store.appendFacts([
          finding('g1', 'S009', '2018-03-01'),
          finding('g2', 'S009', '2018-03-01'),
        ]);
        expect(r3).toMatchObject({ stored: 2, duplicates: 0 });
        expect(await visibleIds()).toEqual(['a1', 'b1', 'g1', 'g2']);
        const g2 = (await store.queryFacts({ asOf: FAR_FUTURE, subject: { kind: 'staff', id: 'S009' } }))
          .facts;
        expect(g2.map((f) => f.recordedAt)).toEqual([r3.recordedAt, r3.recordedAt]);
      } finally {
        await store.close();
      }
    });

    it('a batch still being written stays invisible, and later commits wait for it', async () => {
      const dbName = freshDbName();
      const store = await MongoStore.connect(mongoUri, dbName);
      try {
        await store.appendFacts([finding('a1', 'S001', '2018-03-01')]);
        const db = admin.db(dbName);
        const reservations = db.collection<ReservationDoc>(MONGO_COLLECTIONS.reservations);
        const last = await reservations.find({}).sort({ _id: -1 }).limit(1).next();
        if (!last) throw new Error('no reservation');
        // A live writer (fresh lease) has reserved the next batch and is writing it.
        const live: ReservationDoc = {
          _id: batchKey(last.n + 1),
          n: last.n + 1,
          rt: new Date(Date.parse(last.rt) + 1).toISOString(),
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
        let done = false;
        const later = store.appendFacts([finding('b1', 'S001', '2018-03-01')]).then((r) => {
          done = true;
          return r;
        });
        await new Promise((r) => setTimeout(r, 300));
        expect(done).toBe(false);
        expect((await collect(store.streamFacts({ asOf: FAR_FUTURE }))).map((f) => f.id)).toEqual(['a1']);
        // The live writer commits; then the waiting batch commits after it.
        await db.collection(MONGO_COLLECTIONS.batches).insertOne({
          _id: live._id,
          n: live.n,
          state: 'committed',
          rt: live.rt,
          residue: false,
          at: new Date(),
        } as object);
        const r = await later;
        expect(r.stored).toBe(1);
        expect((await collect(store.streamFacts({ asOf: FAR_FUTURE }))).map((f) => f.id)).toEqual([
          'a1',
          'l1',
          'b1',
        ]);
      } finally {
        await store.close();
      }
    });

    it('two stores appending concurrently to one database stay consistent and ordered', async () => {
      const dbName = freshDbName();
      const a = await MongoStore.connect(mongoUri, dbName);
      const b = await MongoStore.connect(mongoUri, dbName);
      try {
        const jobs: Promise<{ recordedAt: string; stored: number }>[] = [];
        for (let i = 0; i < 8; i++) {
          jobs.push(
            a.appendFacts([finding(`a${i}`, 'S001', '2018-03-01'), finding('shared', 'S001', '2018-03-01')]),
          );
          jobs.push(
            b.appendFacts([finding(`b${i}`, 'S002', '2018-03-01'), finding('shared', 'S001', '2018-03-01')]),
          );
        }
        const results = await Promise.all(jobs);
        expect(results.reduce((n, r) => n + r.stored, 0)).toBe(17);
        expect(new Set(results.map((r) => r.recordedAt)).size).toBe(16);
        const all = await collect(a.streamFacts({ asOf: FAR_FUTURE }));
        expect(all).toHaveLength(17);
        expect(all.filter((f) => f.id === 'shared')).toHaveLength(1);
        for (let i = 1; i < all.length; i++) {
          const prev = all[i - 1];
          const cur = all[i];
          if (!prev || !cur) throw new Error('hole');
          expect(cur.recordedAt >= prev.recordedAt).toBe(true);
          expect(cur.seq as number).toBeGreaterThan(prev.seq as number);
        }
        expect(await collect(b.streamFacts({ asOf: FAR_FUTURE }))).toEqual(all);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('creates the secondary indexes when asked (FerretDB skips them by default), and reopens with them', async () => {
      const dbName = freshDbName();
      const first = await MongoStore.connect(mongoUri, dbName, { secondaryIndexes: true });
      await first.appendFacts([finding('i1', 'S001', '2018-03-01')]);
      await first.close();
      const second = await MongoStore.connect(mongoUri, dbName, { secondaryIndexes: true });
      try {
        const names = (await admin.db(dbName).collection(MONGO_COLLECTIONS.facts).indexes()).map(
          (i) => i.name,
        );
        expect(names).toEqual(
          expect.arrayContaining(['_id_', 'seq', 'subject_seq', 'type_seq', 'occurredOn_seq']),
        );
        const page = await second.queryFacts({ asOf: FAR_FUTURE, subject: { kind: 'staff', id: 'S001' } });
        expect(page.facts.map((f) => f.id)).toEqual(['i1']);
      } finally {
        await second.close();
      }
    });

    it('reopening the database continues recordedAt and seq, and openStore picks MongoDB', async () => {
      const dbName = freshDbName();
      const clock = testClock('2018-03-05T02:00:00.000Z');
      const first = await openStore({
        mongodbUri: mongoUri,
        mongodbDb: dbName,
        dataDir: '/nonexistent',
        now: clock.now,
      });
      expect(first.kind).toBe('mongodb');
      await first.appendFacts([finding('f1', 'S001', '2018-03-01')]);
      await first.close();
      const second = await openStore({
        mongodbUri: mongoUri,
        mongodbDb: dbName,
        dataDir: '/nonexistent',
        now: clock.now,
      });
      const r = await second.appendFacts([finding('f2', 'S001', '2018-03-01')]);
      expect(r.recordedAt).toBe('2018-03-05T02:00:00.001Z');
      const all = await collect(second.streamFacts({ asOf: FAR_FUTURE }));
      expect(all.map((f) => f.id)).toEqual(['f1', 'f2']);
      expect(all[1]?.seq).toBeGreaterThan(all[0]?.seq as number);
      // nothing of MongoDB's own leaks into the returned documents
      expect(Object.keys(all[0] ?? {})).toEqual([
        'id',
        'type',
        'subject',
        'occurredOn',
        'source',
        'data',
        'recordedAt',
        'seq',
      ]);
      await second.close();
    });

    it('moves batches stored with numeric _ids (the format before batch keys) to keys at start', async () => {
      const dbName = freshDbName();
      const db = admin.db(dbName);
      const at = new Date(0);
      const rt = (ms: number) => `2018-03-05T01:00:00.${String(ms).padStart(3, '0')}Z`;
      const fact = (id: string, ms: number, seq: number) => ({
        _id: id,
        rt: rt(ms),
        seq,
        t: 'finding',
        s: 'staff:S001',
        on: '2018-03-01',
        rest: JSON.stringify({ source: 'video-patrol', data: { code: 'late' } }),
      });
      // What the previous version left: two committed batches and one aborted with residue whose
      // fact remains, each keyed by its number.
      await db.collection(MONGO_COLLECTIONS.reservations).insertMany([
        { _id: 1, rt: rt(1), seqFrom: 1, count: 2, owner: 'old', at },
        { _id: 2, rt: rt(2), seqFrom: 3, count: 1, owner: 'old', at },
        { _id: 3, rt: rt(3), seqFrom: 4, count: 1, owner: 'old', at },
      ] as never[]);
      await db.collection(MONGO_COLLECTIONS.batches).insertMany([
        { _id: 1, state: 'committed', rt: rt(1), residue: false, stored: 2, duplicates: 0, at },
        { _id: 2, state: 'committed', rt: rt(2), residue: false, stored: 1, duplicates: 0, at },
        { _id: 3, state: 'aborted', rt: rt(3), residue: true, at },
      ] as never[]);
      await db
        .collection(MONGO_COLLECTIONS.facts)
        .insertMany([fact('o1', 1, 1), fact('o2', 1, 2), fact('o3', 2, 3), fact('ghost', 3, 4)] as never[]);

      const clock = testClock('2018-03-05T02:00:00.000Z');
      const store = await MongoStore.connect(mongoUri, dbName, { now: clock.now });
      try {
        expect((await collect(store.streamFacts({ asOf: FAR_FUTURE }))).map((f) => f.id)).toEqual([
          'o1',
          'o2',
          'o3',
        ]);
        await store.appendFacts([finding('new', 'S001', '2018-03-01')]);
        const all = await collect(store.streamFacts({ asOf: FAR_FUTURE }));
        expect(all.map((f) => [f.id, f.seq])).toEqual([
          ['o1', 1],
          ['o2', 2],
          ['o3', 3],
          ['new', 5],
        ]);
        for (const name of [MONGO_COLLECTIONS.reservations, MONGO_COLLECTIONS.batches]) {
          const ids = (await db.collection(name).find({}).toArray()).map((d) => [d._id, d.n]);
          expect(ids, name).toEqual([1, 2, 3, 4].map((n) => [batchKey(n), n]));
        }
      } finally {
        await store.close();
      }
    });
  });
}
