// Three `kaohe serve` processes on one MongoDB database: concurrent ingest through all of them,
// the same batch posted to two at once, one id with two contents, what readers see meanwhile, and
// reads on one instance right after a write acknowledged by another.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import {
  type Appended,
  allFacts,
  call,
  dropDatabase,
  type Instance,
  lateFinding,
  postFacts,
  startInstance,
  testDatabase,
} from './support.js';

const uri = inject('mongodbUri');

describe.skipIf(uri === null)('three instances on one MongoDB: ingest and reads', () => {
  const mongodbUri = uri as string;
  const db = testDatabase('ingest');
  const instances: Instance[] = [];
  const at = (i: number) => instances[i % instances.length] as Instance;

  beforeAll(async () => {
    // One at a time: the first publishes rules/, the others find it published.
    for (const name of ['A', 'B', 'C']) instances.push(await startInstance(name, mongodbUri, db));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dropDatabase(mongodbUri, db);
  });

  it('stores the same batch posted to two instances at once exactly once, in one recordedAt', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => lateFinding(`same-${i}`, `S${(i % 40) + 1}`));
    const answers = await Promise.all([postFacts(at(0), batch), postFacts(at(1), batch)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const acks = answers.map((a) => a.body);
    expect(acks.reduce((n, a) => n + a.stored, 0)).toBe(500);
    for (const a of acks) expect(a.stored + a.duplicates).toBe(500);
    const stored = (await allFacts(at(2))).filter((f) => f.id.startsWith('same-'));
    expect(stored.map((f) => f.id).sort()).toEqual(batch.map((f) => f.id).sort());
    // Every stored fact carries the recordedAt of the answer that says it stored it.
    for (const a of acks) {
      expect(stored.filter((f) => f.recordedAt === a.recordedAt)).toHaveLength(a.stored);
    }
  }, 120_000);

  it('gives one id posted with two contents at once to one batch, and 409 to the other (which stores nothing)', async () => {
    const first = [lateFinding('clash', 'S1', '2018-03-02', 10), lateFinding('clash-a', 'S1')];
    const second = [lateFinding('clash', 'S1', '2018-03-02', 20), lateFinding('clash-b', 'S2')];
    const answers = await Promise.all([postFacts(at(0), first), postFacts(at(1), second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0]?.status === 200 ? first : second;
    const loser = winner === first ? second : first;
    const loserAnswer = answers[winner === first ? 1 : 0];
    expect(loserAnswer?.body.error?.code).toBe('fact-conflict');
    const stored = await allFacts(at(2));
    const clash = stored.filter((f) => f.id === 'clash');
    expect(clash).toHaveLength(1);
    expect(clash[0]?.data).toEqual(winner[0]?.data);
    expect(stored.some((f) => f.id === loser[1]?.id)).toBe(false);
    expect(stored.some((f) => f.id === winner[1]?.id)).toBe(true);
    // The retry of the loser without the clash goes through.
    const retry = await postFacts(at(1), [loser[1] as Fact]);
    expect(retry.body).toMatchObject({ stored: 1, duplicates: 0 });
  }, 120_000);

  it('keeps every batch whole for readers and orders recordedAt as the clients were told', async () => {
    const clients = 3;
    const batches = 4;
    const size = 100;
    type Sent = { client: number; batch: number; postedAt: number; answeredAt: number; ack: Appended };
    const sent: Sent[] = [];
    let writing = true;
    const torn: string[] = [];
    // A reader on each instance in turn while the writers post: a batch is seen whole or not at all.
    const reader = (async () => {
      for (let round = 0; writing; round++) {
        const seen = (await allFacts(at(round), 'type=finding')).filter((f) => f.id.startsWith('conc-'));
        const counts = new Map<string, number>();
        for (const f of seen) {
          const key = f.id.slice(0, f.id.lastIndexOf('-'));
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        for (const [key, n] of counts) if (n !== size) torn.push(`${key}: ${n} of ${size}`);
      }
    })();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let batch = 0; batch < batches; batch++) {
          const facts = Array.from({ length: size }, (_, i) =>
            lateFinding(`conc-${client}-${batch}-${i}`, `S${(i % 40) + 1}`, '2018-04-02'),
          );
          const postedAt = performance.now();
          const answer = await postFacts(at(client + batch), facts);
          expect(answer.status).toBe(200);
          sent.push({ client, batch, postedAt, answeredAt: performance.now(), ack: answer.body });
        }
      }),
    );
    writing = false;
    await reader;
    expect(torn).toEqual([]);

    const stored = (await allFacts(at(0))).filter((f) => f.id.startsWith('conc-'));
    expect(stored).toHaveLength(clients * batches * size);
    expect(new Set(stored.map((f) => f.id)).size).toBe(stored.length);
    for (const s of sent) {
      expect(s.ack).toMatchObject({ stored: size, duplicates: 0 });
      const mine = stored.filter((f) => f.id.startsWith(`conc-${s.client}-${s.batch}-`));
      expect(new Set(mine.map((f) => f.recordedAt))).toEqual(new Set([s.ack.recordedAt]));
    }
    // A batch answered before another was posted (by any client, through any instance) is earlier.
    for (const x of sent) {
      for (const y of sent) {
        if (x.answeredAt < y.postedAt) expect(x.ack.recordedAt < y.ack.recordedAt).toBe(true);
      }
    }
    expect(new Set(sent.map((s) => s.ack.recordedAt)).size).toBe(sent.length);
    // Every instance reads the same facts in the same order.
    const orders = await Promise.all(
      instances.map(async (i) => (await allFacts(i)).map((f) => `${f.id}@${f.recordedAt}`).join('\n')),
    );
    expect(new Set(orders).size).toBe(1);
  }, 180_000);

  it('answers a verdict or a fact query on one instance right after another acknowledged the write', async () => {
    for (let round = 0; round < 6; round++) {
      const staff = `RYW${round}`;
      const verdictPath = `/v1/verdicts/return-to-unit?staff=${staff}&date=2018-03-20`;
      const before = await call(at(round + 1), 'GET', verdictPath);
      expect(before.status).toBe(404); // unknown-subject: nothing about this staff member yet
      const ack = await postFacts(at(round), [lateFinding(`ryw-${round}`, staff, '2018-03-05')]);
      expect(ack.status).toBe(200);
      const verdict = await call(at(round + 1), 'GET', verdictPath);
      expect(verdict.status).toBe(200);
      const facts = await allFacts(at(round + 2), `subject=staff:${staff}`);
      expect(facts.map((f) => [f.id, f.recordedAt])).toEqual([[`ryw-${round}`, ack.body.recordedAt]]);
    }
  }, 180_000);
});
