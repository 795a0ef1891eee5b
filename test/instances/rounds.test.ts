// Two `kaohe serve` processes on one MongoDB database taking the same step of a round at once:
// opening it, reviewing it, publishing it, proposing a correction. Each time exactly one step is
// stored and the other instance answers 409; both then read the same history and publications.
// What makes it hold is the store: a step is the document `<round>#<seq>`, and `_id` is unique.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Answer, call, dropDatabase, type Instance, startInstance, testDatabase } from './support.js';

const uri = inject('mongodbUri');

interface Round {
  id: string;
  status: string;
  history: { step: string }[];
  publications: { id: string; supersedes?: string }[];
  publication?: { id: string };
  error?: { code: string };
}

/** The codes a losing step may get: it read the round before (concurrent-step) or after the winner. */
const LOSER_CODES = ['concurrent-step', 'step-out-of-order', 'round-exists'];

/** Exactly one 2xx and one 409 with a losing code; returns the winner's body. */
function oneWins(answers: Answer<Round>[], winStatus: number): Round {
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([winStatus, 409].sort());
  const loser = answers.find((a) => a.status === 409) as Answer<Round>;
  expect(LOSER_CODES).toContain(loser.body.error?.code);
  return (answers.find((a) => a.status === winStatus) as Answer<Round>).body;
}

describe.skipIf(uri === null)('two instances take the same round step at once', () => {
  const mongodbUri = uri as string;
  const db = testDatabase('rounds');
  const instances: Instance[] = [];
  const loserCodes: string[] = [];

  beforeAll(async () => {
    for (const name of ['A', 'B']) instances.push(await startInstance(name, mongodbUri, db));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dropDatabase(mongodbUri, db);
  });

  /** The same request on both instances at once. */
  function both(path: string, body?: unknown): Promise<Answer<Round>[]> {
    return Promise.all(instances.map((i) => call<Round>(i, 'POST', path, body)));
  }

  async function race(path: string, body: unknown, winStatus: number): Promise<Round> {
    const answers = await both(path, body);
    const winner = oneWins(answers, winStatus);
    loserCodes.push(answers.find((a) => a.status === 409)?.body.error?.code ?? '');
    return winner;
  }

  it('opens, reviews, publishes and corrects a quarter: one step stored each time', async () => {
    const id = 'rd-staff-quarter-2018-Q1';
    await race('/v1/rounds', { kind: 'staff-quarter', period: '2018-Q1' }, 201);
    await race(`/v1/rounds/${id}/review`, { decision: 'approve' }, 200);
    const published = await race(`/v1/rounds/${id}/publish`, undefined, 200);
    expect(published.publication?.id).toBe('staff-quarter-2018-Q1-1');
    await race(`/v1/rounds/${id}/propose`, {}, 200);
    await race(`/v1/rounds/${id}/review`, { decision: 'approve' }, 200);
    const corrected = await race(`/v1/rounds/${id}/publish`, undefined, 200);
    expect(corrected.publication?.id).toBe('staff-quarter-2018-Q1-2');

    for (const instance of instances) {
      const round = await call<Round>(instance, 'GET', `/v1/rounds/${id}`);
      expect(
        round.body.history.map((h) => h.step),
        instance.name,
      ).toEqual(['propose', 'review', 'publish', 'propose', 'review', 'publish']);
      expect(round.body.publications.map((p) => [p.id, p.supersedes ?? null])).toEqual([
        ['staff-quarter-2018-Q1-1', null],
        ['staff-quarter-2018-Q1-2', 'staff-quarter-2018-Q1-1'],
      ]);
    }
  }, 180_000);

  it('publishes each of several months once, through whichever instance wins', async () => {
    const months = ['2018-07', '2018-08', '2018-09'];
    for (const month of months) {
      await race('/v1/rounds', { kind: 'staff-month-circular', period: month }, 201);
      const published = await race(`/v1/rounds/rd-staff-month-circular-${month}/publish`, undefined, 200);
      expect(published.publication?.id).toBe(`staff-month-circular-${month}-1`);
    }
    for (const instance of instances) {
      const listed = await call<{ rounds: Round[] }>(
        instance,
        'GET',
        '/v1/rounds?kind=staff-month-circular&status=published',
      );
      expect(listed.body.rounds.map((r) => [r.id, r.history.length, r.publications.length])).toEqual(
        months.map((m) => [`rd-staff-month-circular-${m}`, 2, 1]),
      );
      const index = await fetch(`${instance.url}/p/`).then((r) => r.text());
      for (const m of months) {
        expect(index, `${instance.name} ${m}`).toContain(`staff-month-circular-${m}-1`);
        expect(index, `${instance.name} ${m}`).not.toContain(`staff-month-circular-${m}-2`);
      }
      for (const m of months) {
        const notice = await fetch(`${instance.url}/p/staff-month-circular-${m}-1.json`);
        expect(notice.status, `${instance.name} ${m}`).toBe(200);
        expect((await fetch(`${instance.url}/p/staff-month-circular-${m}-2.json`)).status).toBe(404);
      }
    }
  }, 180_000);

  it('stores one document per (round, seq), guarded by the unique _id index', async () => {
    const client = new MongoClient(mongodbUri);
    try {
      const events = client.db(db).collection<{ _id: string; round: string }>('round_events');
      const ids = (await events.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
      expect(ids.filter((i) => i.startsWith('rd-staff-quarter-2018-Q1#'))).toEqual(
        [0, 1, 2, 3, 4, 5].map((s) => `rd-staff-quarter-2018-Q1#${String(s).padStart(6, '0')}`),
      );
      expect(ids).toHaveLength(6 + 3 * 2);
      const indexes = await events.listIndexes().toArray();
      expect(indexes.find((i) => i.name === '_id_')?.key).toEqual({ _id: 1 });
      // The server itself refuses a second step with a taken seq (what a losing instance meets).
      await expect(
        events.insertOne({ _id: 'rd-staff-quarter-2018-Q1#000002', round: 'rd-staff-quarter-2018-Q1' }),
      ).rejects.toMatchObject({ code: 11000 });
    } finally {
      await client.close();
    }
    // Every race had a loser; say which way each lost (both ways are correct).
    expect(loserCodes).toHaveLength(6 + 3 * 2);
    console.log(`rounds across instances: losing steps answered ${loserCodes.join(', ')}`);
  });
});
