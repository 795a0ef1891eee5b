// The context cache: one build per (rule-set hash, watermark), shared by concurrent requests,
// rebuilt when the watermark moves, evicted least-recently-used, never caching a failure.
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import { ContextCache } from '../../src/service/contexts.js';
import type { Store } from '../../src/store/port.js';
import { RULES_DIR } from '../http/support.js';

const { ruleSet } = loadRuleSet(readRuleDirectory(RULES_DIR));
if (!ruleSet) throw new Error('rules/ does not load');
const evaluator = new Evaluator(ruleSet);

const roster = (id: string, recordedAt: string): StoredFact => ({
  id: `roster-${id}`,
  type: 'roster.staff',
  subject: { kind: 'staff', id },
  occurredOn: '2018-01-01',
  data: { name: id, window: 'W01', dispatchingUnit: 'U', joinedOn: '2017-01-01' },
  recordedAt,
});

/** A store of facts with given recordedAt; counts the streams it serves. */
function fakeStore(facts: StoredFact[], options: { failFirst?: boolean; delayMs?: number } = {}) {
  let streams = 0;
  let fail = options.failFirst === true;
  const store = {
    kind: 'sqlite',
    async watermark(asOf: string) {
      const known = facts.filter((f) => f.recordedAt <= asOf).map((f) => f.recordedAt);
      return known.length > 0 ? known.sort().at(-1) : null;
    },
    async retractedIds() {
      return new Set<string>();
    },
    async *streamFacts({ asOf }: { asOf: string }) {
      streams++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (fail) {
        fail = false;
        throw new Error('store hiccup');
      }
      for (const f of facts) if (f.recordedAt <= asOf) yield f;
    },
  } as unknown as Store;
  return { store, streams: () => streams };
}

describe('ContextCache', () => {
  const facts = [roster('S001', '2020-01-01T00:00:00.000Z'), roster('S002', '2020-01-02T00:00:00.000Z')];

  it('builds once per watermark and shares one in-flight build between concurrent requests', async () => {
    const { store, streams } = fakeStore(facts, { delayMs: 20 });
    const cache = new ContextCache(store, memoryLogger());
    const leases = await Promise.all(
      ['2020-01-02T00:00:00.000Z', '2020-01-03T00:00:00.000Z', '2999-01-01T00:00:00.000Z'].map((asOf) =>
        cache.get(evaluator, asOf),
      ),
    );
    expect(streams()).toBe(1);
    expect(new Set(leases.map((l) => l.context)).size).toBe(1);
    expect(leases[0]?.watermark).toBe('2020-01-02T00:00:00.000Z');
    const earlier = await cache.get(evaluator, '2020-01-01T12:00:00.000Z');
    expect(streams()).toBe(2);
    expect(earlier.watermark).toBe('2020-01-01T00:00:00.000Z');
    expect(earlier.context.index.byKind.get('staff')?.length).toBe(1);
    expect(leases[0]?.context.index.byKind.get('staff')?.length).toBe(2);
  });

  it('gives an empty context before any fact, without reading the store', async () => {
    const { store, streams } = fakeStore(facts);
    const lease = await new ContextCache(store, memoryLogger()).get(evaluator, '2019-01-01T00:00:00.000Z');
    expect(lease.watermark).toBeNull();
    expect(lease.context.index.factCount).toBe(0);
    expect(streams()).toBe(0);
  });

  it('evicts the least recently used context beyond its capacity', async () => {
    const many = Array.from({ length: 4 }, (_, i) => roster(`S00${i}`, `2020-01-0${i + 1}T00:00:00.000Z`));
    const { store, streams } = fakeStore(many);
    const cache = new ContextCache(store, memoryLogger(), 2);
    const at = (day: number) => cache.get(evaluator, `2020-01-0${day}T12:00:00.000Z`);
    await at(1);
    await at(2);
    await at(1); // 1 is now the most recent
    await at(3); // evicts 2
    expect(streams()).toBe(3);
    await at(1);
    expect(streams()).toBe(3);
    await at(2);
    expect(streams()).toBe(4);
  });

  it('does not keep a failed build: the next request builds again', async () => {
    const { store, streams } = fakeStore(facts, { failFirst: true });
    const cache = new ContextCache(store, memoryLogger());
    await expect(cache.get(evaluator, '2999-01-01T00:00:00.000Z')).rejects.toThrow('store hiccup');
    const lease = await cache.get(evaluator, '2999-01-01T00:00:00.000Z');
    expect(lease.context.index.factCount).toBe(2);
    expect(streams()).toBe(2);
  });
});
