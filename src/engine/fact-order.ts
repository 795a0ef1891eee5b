// "The latest" of several facts: latest occurredOn, then latest recordedAt, then later position
// (seq), then fact id — the last only so that the choice never depends on input order.
import type { StoredFact } from '../model/fact.js';

export type OrderedFact = Pick<StoredFact, 'id' | 'occurredOn'> & { recordedAt?: string; seq?: number };

export function compareLatest(a: OrderedFact, b: OrderedFact): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  const ra = a.recordedAt ?? '';
  const rb = b.recordedAt ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  const sa = a.seq ?? -1;
  const sb = b.seq ?? -1;
  if (sa !== sb) return sa - sb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function latest<T extends OrderedFact>(facts: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const f of facts) if (!best || compareLatest(f, best) > 0) best = f;
  return best;
}
