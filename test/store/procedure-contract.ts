// The procedure part of the Store contract (rounds and the decision log), run for every adapter
// from defineStoreContract.
import { describe, expect, it } from 'vitest';
import type { DecisionRecord, RoundEventRecord, Store } from '../../src/store/port.js';

const step = (round: string, seq: number, extra: Partial<RoundEventRecord> = {}): RoundEventRecord => ({
  round,
  seq,
  kind: round.startsWith('rd-w') ? 'window-quarter' : 'staff-quarter',
  period: round.endsWith('Q2') ? '2018-Q2' : '2018-Q1',
  at: `2018-04-0${seq + 1}T00:00:00.000Z`,
  step: { step: seq === 0 ? 'propose' : 'review', by: { role: 'inspector', name: 'k' }, n: [seq] },
  ...extra,
});

export function defineProcedureContract(fresh: () => Promise<Store>): void {
  describe('rounds', () => {
    it('stores each step once per (round, seq): the second of two steps on one state is refused', async () => {
      const store = await fresh();
      expect(await store.rounds.append(step('rd-s-Q1', 0))).toBe(true);
      expect(await store.rounds.append(step('rd-s-Q1', 0, { at: '2018-05-01T00:00:00.000Z' }))).toBe(false);
      expect(await store.rounds.append(step('rd-s-Q1', 1))).toBe(true);
      const events = await store.rounds.events('rd-s-Q1');
      expect(events.map((e) => [e.seq, e.at])).toEqual([
        [0, '2018-04-01T00:00:00.000Z'],
        [1, '2018-04-02T00:00:00.000Z'],
      ]);
      expect(events[0]).toEqual(step('rd-s-Q1', 0));
    });

    it('of concurrent appends of the same seq exactly one wins', async () => {
      const store = await fresh();
      await store.rounds.append(step('rd-s-Q1', 0));
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.rounds.append(step('rd-s-Q1', 1, { at: `2018-05-0${i + 1}` })),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store.rounds.events('rd-s-Q1')).toHaveLength(2);
    });

    it('keeps rounds apart (a round id that prefixes another) and lists by kind and period', async () => {
      const store = await fresh();
      await store.rounds.append(step('rd-s-Q1', 0));
      await store.rounds.append(step('rd-s-Q1-x', 0));
      await store.rounds.append(step('rd-s-Q2', 0));
      await store.rounds.append(step('rd-w-Q1', 0));
      for (let seq = 1; seq <= 11; seq++) await store.rounds.append(step('rd-s-Q1', seq));
      expect((await store.rounds.events('rd-s-Q1')).map((e) => e.seq)).toEqual([...Array(12).keys()]);
      expect((await store.rounds.events('rd-s-Q1-x')).map((e) => e.seq)).toEqual([0]);
      const q1 = await store.rounds.list({ kind: 'staff-quarter', period: '2018-Q1' });
      expect([...new Set(q1.map((e) => e.round))]).toEqual(['rd-s-Q1', 'rd-s-Q1-x']);
      expect((await store.rounds.list({ kind: 'window-quarter' })).map((e) => e.round)).toEqual(['rd-w-Q1']);
      expect(await store.rounds.list({})).toHaveLength(15);
    });

    it('finds a publish step by its publication id; lists publications by time', async () => {
      const store = await fresh();
      await store.rounds.append(step('rd-s-Q1', 0));
      await store.rounds.append(step('rd-s-Q1', 1, { publication: 'p-2', at: '2018-06-01T00:00:00.000Z' }));
      await store.rounds.append(step('rd-s-Q2', 0, { publication: 'p-1', at: '2018-05-01T00:00:00.000Z' }));
      expect((await store.rounds.publication('p-2'))?.seq).toBe(1);
      expect(await store.rounds.publication('p-3')).toBeNull();
      expect((await store.rounds.publications()).map((e) => e.publication)).toEqual(['p-1', 'p-2']);
    });

    it('accepts only plain strings in queries', async () => {
      const store = await fresh();
      await expect(store.rounds.events({ $gt: '' } as unknown as string)).rejects.toThrow();
      await expect(store.rounds.list({ kind: { $ne: 1 } as unknown as string })).rejects.toThrow();
    });
  });

  describe('decision log', () => {
    const decision = (i: number, subject = 'staff:S001'): DecisionRecord => ({
      id: `dc-${String(i).padStart(4, '0')}`,
      at: `2018-04-${String(1 + (i % 20)).padStart(2, '0')}T12:00:00.000Z`,
      subject,
      by: { role: 'integrator', name: 'k' },
      answer: { value: i % 2 === 0 },
    });

    it('lists oldest first, pages with an opaque cursor, filters by subject and day', async () => {
      const store = await fresh();
      await store.decisions.append([5, 1, 3].map((i) => decision(i)));
      await store.decisions.append([2, 4].map((i) => decision(i, 'staff:S002')));
      const first = await store.decisions.query({ limit: 2 });
      expect(first.decisions.map((d) => d.id)).toEqual(['dc-0001', 'dc-0002']);
      expect(first.next).toEqual(expect.any(String));
      const second = await store.decisions.query({ limit: 2, cursor: first.next });
      expect(second.decisions.map((d) => d.id)).toEqual(['dc-0003', 'dc-0004']);
      const last = await store.decisions.query({ limit: 2, cursor: second.next });
      expect(last).toEqual({ decisions: [decision(5)], next: null });
      const s2 = await store.decisions.query({ limit: 10, subject: 'staff:S002' });
      expect(s2.decisions.map((d) => d.id)).toEqual(['dc-0002', 'dc-0004']);
      const days = await store.decisions.query({ limit: 10, from: '2018-04-03', to: '2018-04-04' });
      expect(days.decisions.map((d) => d.id)).toEqual(['dc-0002', 'dc-0003']);
    });

    it('refuses a group holding an id stored already: the error reaches the caller', async () => {
      const store = await fresh();
      await store.decisions.append([decision(7)]);
      await expect(store.decisions.append([decision(8), decision(7)])).rejects.toThrow();
    });
  });
}
