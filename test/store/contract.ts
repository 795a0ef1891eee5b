// The Store contract: one suite, run against every adapter (sqlite.test.ts, mongo.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact, StoredFact } from '../../src/model/fact.js';
import { InvalidCursorError } from '../../src/store/common.js';
import {
  type EvaluationRecord,
  FactConflictError,
  RetractionTargetError,
  type RulesetRecord,
  type Store,
} from '../../src/store/port.js';
import { defineProcedureContract } from './procedure-contract.js';

/** Opens a fresh, empty store (its own file or database). */
export type OpenStore = (options: { now?: () => Date }) => Promise<Store>;

export interface TestClock {
  now: () => Date;
  set: (iso: string) => void;
  advance: (ms: number) => void;
}

export function testClock(start = '2018-03-01T00:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function finding(id: string, staff: string, occurredOn: string, code = 'late'): Fact {
  return {
    id,
    type: 'finding',
    subject: { kind: 'staff', id: staff },
    occurredOn,
    source: 'video-patrol',
    data: { code },
  };
}

export function retraction(id: string, target: string, occurredOn = '2018-03-10'): Fact {
  return {
    id,
    type: 'retraction',
    subject: { kind: 'staff', id: 'S001' },
    occurredOn,
    data: { retracts: target, reason: 'posted by mistake' },
  };
}

export const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

export async function collect(iterable: AsyncIterable<StoredFact>): Promise<StoredFact[]> {
  const out: StoredFact[] = [];
  for await (const f of iterable) out.push(f);
  return out;
}

const ids = (facts: { id: string }[]) => facts.map((f) => f.id);

async function allFacts(store: Store, asOf = FAR_FUTURE, includeRetracted = false): Promise<StoredFact[]> {
  const out: StoredFact[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.queryFacts({ asOf, includeRetracted, cursor, limit: 10_000 });
    out.push(...page.facts);
    cursor = page.next;
  } while (cursor);
  return out;
}

export function defineStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract — ${name}`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    const fresh = async (clock?: TestClock): Promise<Store> => {
      const store = await open(clock ? { now: clock.now } : {});
      opened.push(store);
      return store;
    };

    defineProcedureContract(() => fresh());

    describe('appending', () => {
      it('stores a batch with one recordedAt (the clock, RFC 3339 UTC ms) and seq by position', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        const facts = [finding('f1', 'S001', '2018-03-05'), finding('f2', 'S002', '2018-03-05')];
        const res = await store.appendFacts(facts);
        expect(res).toEqual({ stored: 2, duplicates: 0, recordedAt: '2018-03-05T02:00:00.000Z' });
        const page = await store.queryFacts({ asOf: FAR_FUTURE });
        expect(page.next).toBeNull();
        expect(page.facts.map(({ seq, ...rest }) => rest)).toEqual(
          facts.map((f) => ({ ...f, recordedAt: res.recordedAt })),
        );
        const [a, b] = page.facts;
        expect(typeof a?.seq).toBe('number');
        expect(b?.seq).toBeGreaterThan(a?.seq ?? Number.POSITIVE_INFINITY);
      });

      it('returns the envelope exactly as posted (key order of the envelope normalized, data untouched)', async () => {
        const store = await fresh(testClock());
        const fact: Fact = {
          data: { note: '窗口人员玩手机 — "quoted" \\ \u2028', minutes: 12.5, code: 'late' },
          occurredAt: '2018-03-05T09:15:00+08:00',
          source: 'onsite-patrol',
          occurredOn: '2018-03-05',
          subject: { id: 'S-张三.1', kind: 'staff' },
          type: 'finding',
          id: 'att-20180305-S001:x_y.z',
        };
        const { recordedAt } = await store.appendFacts([fact]);
        const [stored] = (await store.queryFacts({ asOf: FAR_FUTURE })).facts;
        expect(JSON.stringify(stored)).toBe(
          JSON.stringify({
            id: fact.id,
            type: fact.type,
            subject: { kind: 'staff', id: 'S-张三.1' },
            occurredOn: fact.occurredOn,
            occurredAt: fact.occurredAt,
            source: fact.source,
            data: fact.data,
            recordedAt,
            seq: stored?.seq,
          }),
        );
      });

      it('gives later batches strictly later recordedAt and larger seq, even with a frozen clock', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        const r1 = await store.appendFacts([
          finding('a1', 'S001', '2018-03-01'),
          finding('a2', 'S001', '2018-03-01'),
        ]);
        const r2 = await store.appendFacts([finding('b1', 'S001', '2018-03-01')]);
        const r3 = await store.appendFacts([finding('c1', 'S001', '2018-03-01')]);
        expect([r1.recordedAt, r2.recordedAt, r3.recordedAt]).toEqual([
          '2018-03-05T02:00:00.000Z',
          '2018-03-05T02:00:00.001Z',
          '2018-03-05T02:00:00.002Z',
        ]);
        clock.set('2018-01-01T00:00:00.000Z'); // the clock goes backwards
        const r4 = await store.appendFacts([finding('d1', 'S001', '2018-03-01')]);
        expect(r4.recordedAt).toBe('2018-03-05T02:00:00.003Z');
        clock.set('2018-03-06T00:00:00.000Z');
        const r5 = await store.appendFacts([finding('e1', 'S001', '2018-03-01')]);
        expect(r5.recordedAt).toBe('2018-03-06T00:00:00.000Z');
        const all = await allFacts(store);
        expect(ids(all)).toEqual(['a1', 'a2', 'b1', 'c1', 'd1', 'e1']);
        const seqs = all.map((f) => f.seq as number);
        expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(seqs.length);
      });

      it('uses the real clock by default', async () => {
        const store = await fresh();
        const before = Date.now();
        const { recordedAt } = await store.appendFacts([finding('n1', 'S001', '2018-03-01')]);
        expect(recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(recordedAt)).toBeLessThanOrEqual(Date.now() + 1);
      });

      it('makes a batch visible all at once, exactly from its recordedAt', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        await store.appendFacts([finding('x1', 'S001', '2018-03-01')]);
        clock.advance(1000);
        const batch = Array.from({ length: 50 }, (_, i) => finding(`y${i}`, `S${i % 7}`, '2018-03-02'));
        const { recordedAt } = await store.appendFacts(batch);
        const justBefore = new Date(Date.parse(recordedAt) - 1).toISOString();
        expect(ids(await allFacts(store, justBefore))).toEqual(['x1']);
        expect(ids(await allFacts(store, recordedAt))).toEqual(['x1', ...ids(batch)]);
      });

      it('accepts asOf in any RFC 3339 form (offsets, no milliseconds)', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        await store.appendFacts([finding('o1', 'S001', '2018-03-01')]);
        const q = (asOf: string) => store.queryFacts({ asOf }).then((p) => ids(p.facts));
        expect(await q('2018-03-05T10:00:00+08:00')).toEqual(['o1']);
        expect(await q('2018-03-05T09:59:59.999+08:00')).toEqual([]);
        expect(await q('2018-03-05T02:00:00Z')).toEqual(['o1']);
        expect(await q('2018-03-05T02:00:00.000999Z')).toEqual(['o1']);
        await expect(store.queryFacts({ asOf: 'yesterday' })).rejects.toThrow(TypeError);
      });

      it('an empty batch stores nothing and still moves recordedAt forward', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        const r1 = await store.appendFacts([]);
        const r2 = await store.appendFacts([finding('e1', 'S001', '2018-03-01')]);
        expect(r1).toMatchObject({ stored: 0, duplicates: 0 });
        expect(r2.recordedAt > r1.recordedAt).toBe(true);
      });
    });

    describe('idempotency', () => {
      it('counts an identical re-post as a duplicate (key order does not matter) and keeps the original', async () => {
        const clock = testClock('2018-03-05T02:00:00.000Z');
        const store = await fresh(clock);
        const f = finding('d1', 'S001', '2018-03-01');
        const first = await store.appendFacts([f]);
        clock.advance(1000);
        const reordered: Fact = {
          data: { code: 'late' },
          source: 'video-patrol',
          occurredOn: '2018-03-01',
          subject: { id: 'S001', kind: 'staff' },
          type: 'finding',
          id: 'd1',
        };
        const again = await store.appendFacts([reordered, finding('d2', 'S001', '2018-03-01')]);
        expect(again).toMatchObject({ stored: 1, duplicates: 1 });
        const all = await allFacts(store);
        expect(ids(all)).toEqual(['d1', 'd2']);
        expect(all[0]?.recordedAt).toBe(first.recordedAt);
      });

      it('stores an identical repeat within one batch once and counts each repeat as a duplicate', async () => {
        const store = await fresh(testClock());
        const f = finding('r1', 'S001', '2018-03-01');
        const res = await store.appendFacts([f, { ...f }, finding('r2', 'S001', '2018-03-01'), { ...f }]);
        expect(res).toMatchObject({ stored: 2, duplicates: 2 });
        expect(ids(await allFacts(store))).toEqual(['r1', 'r2']);
      });

      it('rejects an id stored with different content and stores nothing of the batch', async () => {
        const clock = testClock();
        const store = await fresh(clock);
        await store.appendFacts([finding('c1', 'S001', '2018-03-01', 'late')]);
        clock.advance(1000);
        const attempt = store.appendFacts([
          finding('c0', 'S001', '2018-03-01'),
          finding('c1', 'S001', '2018-03-01', 'smoking'),
          finding('c2', 'S001', '2018-03-01'),
        ]);
        await expect(attempt).rejects.toBeInstanceOf(FactConflictError);
        await expect(attempt).rejects.toMatchObject({ code: 'fact-conflict', ids: ['c1'] });
        expect(ids(await allFacts(store))).toEqual(['c1']);
        expect((await allFacts(store))[0]?.data).toEqual({ code: 'late' });
        // and a later valid batch still goes through, the rejected ids can be posted
        const ok = await store.appendFacts([
          finding('c0', 'S001', '2018-03-01'),
          finding('c2', 'S001', '2018-03-01'),
        ]);
        expect(ok).toMatchObject({ stored: 2, duplicates: 0 });
        expect(ids(await allFacts(store))).toEqual(['c1', 'c0', 'c2']);
      });

      it('rejects one id with different contents within a batch (defensive) and stores nothing', async () => {
        const store = await fresh(testClock());
        await expect(
          store.appendFacts([
            finding('w1', 'S001', '2018-03-01', 'late'),
            finding('w1', 'S001', '2018-03-01', 'smoking'),
          ]),
        ).rejects.toMatchObject({ code: 'fact-conflict', ids: ['w1'] });
        expect(await allFacts(store)).toEqual([]);
      });
    });

    describe('retractions', () => {
      it('hides a target retracted in the same batch; the retraction itself is listed', async () => {
        const store = await fresh(testClock());
        await store.appendFacts([
          finding('t1', 'S001', '2018-03-01'),
          retraction('x1', 't1'),
          finding('t2', 'S001', '2018-03-01'),
        ]);
        expect(ids(await allFacts(store))).toEqual(['x1', 't2']);
        expect(ids(await allFacts(store, FAR_FUTURE, true))).toEqual(['t1', 'x1', 't2']);
        expect([...(await store.retractedIds(FAR_FUTURE))]).toEqual(['t1']);
      });

      it('a retraction in the same batch may come before its target', async () => {
        const store = await fresh(testClock());
        const res = await store.appendFacts([retraction('x1', 't1'), finding('t1', 'S001', '2018-03-01')]);
        expect(res.stored).toBe(2);
        expect(ids(await allFacts(store))).toEqual(['x1']);
      });

      it('hides an earlier fact from the retraction’s recordedAt on', async () => {
        const clock = testClock('2018-03-05T00:00:00.000Z');
        const store = await fresh(clock);
        const r1 = await store.appendFacts([finding('t1', 'S001', '2018-03-01')]);
        clock.advance(60_000);
        const r2 = await store.appendFacts([retraction('x1', 't1', '2017-01-01')]);
        expect(ids(await allFacts(store, r1.recordedAt))).toEqual(['t1']);
        expect(await store.retractedIds(r1.recordedAt)).toEqual(new Set());
        expect(ids(await allFacts(store, r2.recordedAt))).toEqual(['x1']);
        expect(await store.retractedIds(r2.recordedAt)).toEqual(new Set(['t1']));
        const subjectPage = await store.queryFacts({
          asOf: r2.recordedAt,
          subject: { kind: 'staff', id: 'S001' },
          type: 'finding',
        });
        expect(subjectPage.facts).toEqual([]);
      });

      it('rejects a retraction of an unknown fact, or of a retraction, and stores nothing', async () => {
        const clock = testClock();
        const store = await fresh(clock);
        await store.appendFacts([finding('t1', 'S001', '2018-03-01'), retraction('x1', 't1')]);
        clock.advance(1000);
        const attempt = store.appendFacts([
          finding('ok1', 'S001', '2018-03-01'),
          retraction('x2', 'nope'),
          retraction('x3', 'x1'),
          retraction('x4', 'x5'),
          retraction('x5', 'ok1'),
        ]);
        await expect(attempt).rejects.toBeInstanceOf(RetractionTargetError);
        const error = (await attempt.catch((e: unknown) => e)) as RetractionTargetError;
        expect(error.code).toBe('retraction-target');
        expect(error.problems.map((p) => [p.index, p.id])).toEqual([
          [1, 'x2'],
          [2, 'x3'],
          [3, 'x4'],
        ]);
        for (const p of error.problems) expect(p.message).toContain(p.id);
        expect(ids(await allFacts(store, FAR_FUTURE, true))).toEqual(['t1', 'x1']);
      });

      it('counts a retraction re-posted identically as a duplicate', async () => {
        const store = await fresh(testClock());
        await store.appendFacts([finding('t1', 'S001', '2018-03-01'), retraction('x1', 't1')]);
        const res = await store.appendFacts([retraction('x1', 't1')]);
        expect(res).toMatchObject({ stored: 0, duplicates: 1 });
      });
    });

    describe('queries', () => {
      async function seeded(clock = testClock('2018-04-01T00:00:00.000Z')) {
        const store = await fresh(clock);
        await store.appendFacts([
          finding('q1', 'S001', '2018-03-01'),
          finding('q2', 'S002', '2018-03-15'),
          {
            id: 'q3',
            type: 'rating',
            subject: { kind: 'window', id: 'W1' },
            occurredOn: '2018-03-31',
            data: { satisfied: true },
          },
        ]);
        clock.advance(1000);
        await store.appendFacts([
          finding('q4', 'S001', '2018-02-28'),
          {
            id: 'q5',
            type: 'rating',
            subject: { kind: 'staff', id: 'S001' },
            occurredOn: '2018-04-01',
            data: { satisfied: false },
          },
          {
            id: 'q6',
            type: 'finding',
            subject: { kind: 'window', id: 'S001' },
            occurredOn: '2018-03-10',
            data: { code: 'processed-outside-platform' },
          },
        ]);
        return store;
      }

      it('filters by subject, type and occurredOn (inclusive)', async () => {
        const store = await seeded();
        const q = (extra: object) =>
          store.queryFacts({ asOf: FAR_FUTURE, ...extra }).then((p) => ids(p.facts));
        expect(await q({ subject: { kind: 'staff', id: 'S001' } })).toEqual(['q1', 'q4', 'q5']);
        expect(await q({ subject: { kind: 'window', id: 'S001' } })).toEqual(['q6']);
        expect(await q({ type: 'rating' })).toEqual(['q3', 'q5']);
        expect(await q({ from: '2018-03-01', to: '2018-03-31' })).toEqual(['q1', 'q2', 'q3', 'q6']);
        expect(await q({ from: '2018-03-15' })).toEqual(['q2', 'q3', 'q5']);
        expect(await q({ to: '2018-03-01' })).toEqual(['q1', 'q4']);
        expect(
          await q({ subject: { kind: 'staff', id: 'S001' }, type: 'finding', from: '2018-03-01' }),
        ).toEqual(['q1']);
        expect(await q({ subject: { kind: 'staff', id: 'NOBODY' } })).toEqual([]);
      });

      it('lists in a stable order (recordedAt, seq, id) and pages with an opaque cursor', async () => {
        const clock = testClock('2018-04-01T00:00:00.000Z');
        const store = await fresh(clock);
        const expected: string[] = [];
        for (let b = 0; b < 3; b++) {
          const batch = Array.from({ length: 9 }, (_, i) => finding(`p${b}-${8 - i}`, 'S001', '2018-03-01'));
          await store.appendFacts(batch);
          expected.push(...ids(batch));
          clock.advance(10);
        }
        await store.appendFacts([retraction('px', 'p1-4')]);
        const visibleIds = [...expected.filter((id) => id !== 'p1-4'), 'px'];
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const page = await store.queryFacts({ asOf: FAR_FUTURE, limit: 10, cursor });
          pages.push(ids(page.facts));
          cursor = page.next;
          if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        } while (cursor);
        expect(pages.map((p) => p.length)).toEqual([10, 10, 7]);
        expect(pages.flat()).toEqual(visibleIds);
        const all = await allFacts(store, FAR_FUTURE, true);
        const sorted = [...all].sort(
          (a, b) =>
            a.recordedAt.localeCompare(b.recordedAt) ||
            (a.seq as number) - (b.seq as number) ||
            a.id.localeCompare(b.id),
        );
        expect(ids(all)).toEqual(ids(sorted));
        // the same query twice gives the same page
        const again = await store.queryFacts({ asOf: FAR_FUTURE, limit: 10 });
        expect(ids(again.facts)).toEqual(pages[0]);
        // a page that ends exactly at the last fact has no next
        const exact = await store.queryFacts({ asOf: FAR_FUTURE, limit: visibleIds.length });
        expect(exact.next).toBeNull();
      });

      it('defaults to 1,000 facts a page and caps the limit at 10,000', async () => {
        const store = await fresh(testClock());
        const batch = Array.from({ length: 1001 }, (_, i) => finding(`l${i}`, `S${i % 13}`, '2018-03-01'));
        await store.appendFacts(batch);
        const page = await store.queryFacts({ asOf: FAR_FUTURE });
        expect(page.facts).toHaveLength(1000);
        expect(page.next).not.toBeNull();
        const rest = await store.queryFacts({ asOf: FAR_FUTURE, cursor: page.next });
        expect(ids(rest.facts)).toEqual(['l1000']);
        expect(rest.next).toBeNull();
        const big = await store.queryFacts({ asOf: FAR_FUTURE, limit: 1_000_000 });
        expect(big.facts).toHaveLength(1001);
      });

      it('rejects a cursor it did not hand out, and values that are not plain strings', async () => {
        const store = await seeded();
        await expect(store.queryFacts({ asOf: FAR_FUTURE, cursor: 'garbage!' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.queryFacts({ asOf: FAR_FUTURE, cursor: 'czEy' + 'x' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        const bad = { $ne: 'x' } as unknown as string;
        await expect(store.queryFacts({ asOf: FAR_FUTURE, type: bad })).rejects.toThrow(TypeError);
        await expect(store.queryFacts({ asOf: bad })).rejects.toThrow(TypeError);
        await expect(
          store.queryFacts({ asOf: FAR_FUTURE, subject: { kind: 'staff', id: bad } }),
        ).rejects.toThrow(TypeError);
        await expect(store.hasSubject({ kind: 'staff', id: bad }, FAR_FUTURE)).rejects.toThrow(TypeError);
        await expect(store.getRuleset(bad)).rejects.toThrow(TypeError);
        await expect(store.getEvaluation(bad)).rejects.toThrow(TypeError);
        await expect(store.listEvaluations({ kind: bad })).rejects.toThrow(TypeError);
        await expect(store.appendFacts([{ ...finding('z', 'S001', '2018-03-01'), id: bad }])).rejects.toThrow(
          TypeError,
        );
        // a string that looks like an operator is just a string
        expect((await store.queryFacts({ asOf: FAR_FUTURE, type: '{"$ne":"x"}' })).facts).toEqual([]);
      });

      it('watermark is the recordedAt of the last batch known at asOf that stored facts', async () => {
        const clock = testClock('2018-04-01T00:00:00.000Z');
        const store = await fresh(clock);
        expect(await store.watermark(FAR_FUTURE)).toBeNull();
        const r1 = await store.appendFacts([finding('w1', 'S001', '2018-03-01')]);
        clock.advance(1000);
        const r2 = await store.appendFacts([finding('w1', 'S001', '2018-03-01')]); // only a duplicate
        clock.advance(1000);
        const r3 = await store.appendFacts([finding('w2', 'S001', '2018-03-01')]);
        clock.advance(1000);
        await expect(store.appendFacts([retraction('wx', 'nope')])).rejects.toBeInstanceOf(
          RetractionTargetError,
        );
        await expect(
          store.appendFacts([finding('w1', 'S001', '2018-03-01', 'smoking')]),
        ).rejects.toBeInstanceOf(FactConflictError);
        expect(await store.watermark('2018-03-31T23:59:59.999Z')).toBeNull();
        expect(await store.watermark(r1.recordedAt)).toBe(r1.recordedAt);
        expect(await store.watermark(r2.recordedAt)).toBe(r1.recordedAt);
        expect(await store.watermark('2018-04-01T00:00:01.500+00:00')).toBe(r1.recordedAt);
        expect(await store.watermark(r3.recordedAt)).toBe(r3.recordedAt);
        expect(await store.watermark(FAR_FUTURE)).toBe(r3.recordedAt);
        const at = async (asOf: string) => ids(await allFacts(store, asOf));
        expect(await at(r2.recordedAt)).toEqual(await at(r1.recordedAt));
      });

      it('hasSubject answers for the subject kind and id as known at asOf', async () => {
        const clock = testClock('2018-04-01T00:00:00.000Z');
        const store = await fresh(clock);
        expect(await store.hasSubject({ kind: 'staff', id: 'S001' }, FAR_FUTURE)).toBe(false);
        const { recordedAt } = await store.appendFacts([finding('h1', 'S001', '2018-03-01')]);
        expect(await store.hasSubject({ kind: 'staff', id: 'S001' }, recordedAt)).toBe(true);
        expect(await store.hasSubject({ kind: 'staff', id: 'S001' }, '2018-03-31T23:59:59.999Z')).toBe(false);
        expect(await store.hasSubject({ kind: 'window', id: 'S001' }, FAR_FUTURE)).toBe(false);
        expect(await store.hasSubject({ kind: 'staff', id: 'S002' }, FAR_FUTURE)).toBe(false);
      });
    });

    describe('streaming', () => {
      it('streams every fact known at asOf in order, retracted ones included, within [from, to]', async () => {
        const clock = testClock('2018-04-01T00:00:00.000Z');
        const store = await fresh(clock);
        const r1 = await store.appendFacts([
          finding('s1', 'S001', '2018-03-01'),
          finding('s2', 'S002', '2018-02-01'),
          finding('s3', 'S003', '2018-03-31'),
        ]);
        clock.advance(1000);
        const r2 = await store.appendFacts([
          retraction('sx', 's1', '2018-04-02'),
          finding('s4', 'S001', '2018-03-15'),
        ]);
        expect(ids(await collect(store.streamFacts({ asOf: FAR_FUTURE })))).toEqual([
          's1',
          's2',
          's3',
          'sx',
          's4',
        ]);
        expect(ids(await collect(store.streamFacts({ asOf: r1.recordedAt })))).toEqual(['s1', 's2', 's3']);
        expect(
          ids(
            await collect(store.streamFacts({ asOf: r2.recordedAt, from: '2018-03-01', to: '2018-03-31' })),
          ),
        ).toEqual(['s1', 's3', 's4']);
        expect(ids(await collect(store.streamFacts({ asOf: FAR_FUTURE, from: '2018-03-31' })))).toEqual([
          's3',
          'sx',
        ]);
        expect(ids(await collect(store.streamFacts({ asOf: FAR_FUTURE, to: '2018-02-01' })))).toEqual(['s2']);
        expect(await collect(store.streamFacts({ asOf: '2018-01-01T00:00:00.000Z' }))).toEqual([]);
        const streamed = await collect(store.streamFacts({ asOf: FAR_FUTURE }));
        const queried = await allFacts(store, FAR_FUTURE, true);
        expect(streamed).toEqual(queried);
      });

      it('streams across chunks, and appends while streaming neither fail nor show up', async () => {
        const clock = testClock('2018-04-01T00:00:00.000Z');
        const store = await fresh(clock);
        const n = 4500;
        for (let b = 0; b < 3; b++) {
          await store.appendFacts(
            Array.from({ length: n / 3 }, (_, i) =>
              finding(`m${b * (n / 3) + i}`, `S${i % 17}`, '2018-03-01'),
            ),
          );
          clock.advance(1);
        }
        let count = 0;
        let lastSeq = -1;
        let appended = false;
        for await (const f of store.streamFacts({ asOf: FAR_FUTURE })) {
          expect(f.seq as number).toBeGreaterThan(lastSeq);
          lastSeq = f.seq as number;
          count++;
          if (count === 10 && !appended) {
            appended = true;
            await store.appendFacts([finding('late-arrival', 'S001', '2018-03-01')]);
          }
        }
        expect(count).toBe(n);
        expect((await collect(store.streamFacts({ asOf: FAR_FUTURE }))).length).toBe(n + 1);
      });
    });

    describe('rulesets and evaluations', () => {
      const ruleset = (hash: string, publishedAt: string): RulesetRecord => ({
        version: `v-${hash}`,
        hash,
        effective: { from: '2018-01-01' },
        publishedAt,
        files: {
          'rules/attendance.yaml': 'rules:\n  - id: late\n    points: -1 # 迟到\n',
          'rules/z.yaml': '',
          'a/b.yaml': 'x: "\\u0000 \u2028"',
        },
      });

      it('stores rulesets once per hash, lists them by publishedAt, returns them byte-identical', async () => {
        const store = await fresh();
        const r2 = ruleset('h2', '2018-06-01T00:00:00.000Z');
        const r1 = ruleset('h1', '2018-01-01T00:00:00.000Z');
        const r1b: RulesetRecord = { ...r1, effective: { to: '2018-12-31', from: '2018-01-01' } };
        expect(await store.putRuleset(r2)).toBe(true);
        expect(await store.putRuleset(r1b)).toBe(true);
        expect(await store.putRuleset(r1)).toBe(false);
        expect((await store.listRulesets()).map((r) => JSON.stringify(r))).toEqual([
          JSON.stringify(r1b),
          JSON.stringify(r2),
        ]);
        expect(JSON.stringify(await store.getRuleset('h1'))).toBe(JSON.stringify(r1b));
        expect(await store.getRuleset('nope')).toBeNull();
      });

      it('stores evaluations byte-identical and lists them by createdAt, then id, with filters', async () => {
        const store = await fresh();
        const evaluation = (
          id: string,
          kind: string,
          period: string,
          createdAt: string,
        ): EvaluationRecord => ({
          id,
          kind,
          period,
          asOf: createdAt,
          ruleset: { version: '2018.1', hash: 'h1' },
          factsDigest: 'sha256:abc',
          results: [
            {
              subject: { kind: 'staff', id: 'S001' },
              score: 97.5,
              rank: 1,
              tier: { id: 'excellent', label: '优秀', decided: false },
              items: [{ provision: 'A5.1.1', rule: 'late', points: -0.5, factIds: ['f1', 'f2'] }],
              zeta: null,
              alpha: [1, '2', { b: 1, a: 2 }],
            },
          ],
          createdAt,
        });
        const e3 = evaluation('e3', 'staff-quarter', '2018-Q1', '2018-04-02T00:00:00.000Z');
        const e1 = evaluation('e1', 'staff-quarter', '2018-Q1', '2018-04-01T00:00:00.000Z');
        const e2 = evaluation('e2', 'staff-quarter', '2018-Q2', '2018-04-01T00:00:00.000Z');
        const e0 = evaluation('e0', 'window-year', '2018', '2018-04-01T00:00:00.000Z');
        for (const e of [e3, e1, e2, e0]) await store.putEvaluation(e);
        expect(JSON.stringify(await store.getEvaluation('e1'))).toBe(JSON.stringify(e1));
        expect(await store.getEvaluation('nope')).toBeNull();
        const list = async (filter: { kind?: string; period?: string }) =>
          (await store.listEvaluations(filter)).map((e) => e.id);
        expect(await list({})).toEqual(['e0', 'e1', 'e2', 'e3']);
        expect(await list({ kind: 'staff-quarter' })).toEqual(['e1', 'e2', 'e3']);
        expect(await list({ kind: 'staff-quarter', period: '2018-Q1' })).toEqual(['e1', 'e3']);
        expect(await list({ period: '2018' })).toEqual(['e0']);
        expect((await store.listEvaluations({})).map((e) => JSON.stringify(e))).toEqual(
          [e0, e1, e2, e3].map((e) => JSON.stringify(e)),
        );
        // identical re-put is a no-op; different content under the same id is refused
        await store.putEvaluation(e1);
        await expect(store.putEvaluation({ ...e1, factsDigest: 'sha256:other' })).rejects.toMatchObject({
          code: 'record-conflict',
        });
        expect(JSON.stringify(await store.getEvaluation('e1'))).toBe(JSON.stringify(e1));
      });
    });
  });
}
