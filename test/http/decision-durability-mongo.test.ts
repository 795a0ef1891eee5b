// On MongoDB the decision log goes out in groups (one insert command per group of verdicts answered
// while the previous insert ran), and the catch-up reads wait for those inserts. A verdict's answer
// must still leave only once its decision is stored: a second client, reading the moment each
// answer arrives, must find it, with many verdicts in flight at once so that they share groups.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { centreFacts, type Harness, harness, postAll, type StoreKind } from './support.js';

const uri = inject('mongodbUri');
const dbName = `kaohe_dd_${process.pid}_${randomBytes(3).toString('hex')}`;

describe.skipIf(uri === null)('decision log durability [mongodb]', () => {
  const mongoUri = uri as string;
  const kind: StoreKind = {
    name: 'mongodb',
    async open(clock) {
      const reopen = () =>
        openStore({ mongodbUri: mongoUri, mongodbDb: dbName, dataDir: '', now: clock.now });
      return { store: await reopen(), reopen };
    },
  };
  let h: Harness;
  let reader: MongoClient;
  beforeAll(async () => {
    h = await harness(kind);
    await postAll(h, centreFacts());
    h.clock.advance(60_000);
    reader = new MongoClient(mongoUri);
    await reader.connect();
  });
  afterAll(async () => {
    await h?.close();
    await reader?.db(dbName).dropDatabase();
    await reader?.close();
  });

  it('answers a verdict only when another client can read its decision', async () => {
    const decisions = reader
      .db(dbName)
      .collection<{ _id: string; subject: string; doc: string }>('decisions');
    const asks = Array.from({ length: 48 }, (_, i) => ({
      staff: `S${String(i + 1).padStart(3, '0')}`,
      date: `2018-${String((i % 12) + 1).padStart(2, '0')}-16`,
    }));
    const recordedOnArrival = await Promise.all(
      asks.map(({ staff, date }) =>
        h.http.get(`/v1/verdicts/return-to-unit?staff=${staff}&date=${date}`).then(async (res) => {
          expect(res.status).toBe(200);
          const docs = await decisions.find({ subject: `staff:${staff}` }).toArray();
          return docs.some((d) => {
            const r = JSON.parse(d.doc) as { question: { date: string }; answer: { value: unknown } };
            return r.question.date === date && r.answer.value === res.body.returnToUnit;
          });
        }),
      ),
    );
    expect(recordedOnArrival).toEqual(asks.map(() => true));
  });
});
