// Evaluation contexts, cached so that a verdict does not stream every fact. A context depends only
// on the rule set and on which facts are known, and the facts known at asOf are exactly those known
// at the store's watermark (the latest committed recordedAt <= asOf). So the key is
// (rule-set hash, watermark): a new batch moves the watermark and the next request builds afresh,
// while every request between two batches shares one context (and its per-period rankings).
// Concurrent requests for one key share one in-flight build (the map holds the promise); the least
// recently used context goes when there are more than `capacity`.
import type { EvaluationContext, Evaluator } from '../engine/evaluator.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/port.js';

export interface ContextLease {
  context: EvaluationContext;
  /** The latest recordedAt the context includes (null: no facts at all). */
  watermark: string | null;
}

export class ContextCache {
  // Recency is a counter per entry rather than Map re-insertion: re-inserting on every hit makes
  // V8 reallocate the Map's table over and over, which kept the young generation promoting.
  private readonly entries = new Map<string, { pending: Promise<EvaluationContext>; used: number }>();
  private tick = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly capacity = 4,
  ) {}

  async get(evaluator: Evaluator, asOf: string): Promise<ContextLease> {
    const watermark = await this.store.watermark(asOf);
    const key = `${evaluator.ruleSet.hash}|${watermark ?? ''}`;
    let entry = this.entries.get(key);
    if (entry) entry.used = ++this.tick;
    else {
      const pending = this.build(evaluator, watermark);
      entry = { pending, used: ++this.tick };
      this.entries.set(key, entry);
      // A failed build must not stay cached: the next request tries again.
      pending.catch(() => {
        if (this.entries.get(key)?.pending === pending) this.entries.delete(key);
      });
      this.evict();
    }
    return { context: await entry.pending, watermark };
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      let oldest: string | undefined;
      let used = Number.POSITIVE_INFINITY;
      for (const [key, e] of this.entries) {
        if (e.used < used) {
          used = e.used;
          oldest = key;
        }
      }
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }

  private async build(evaluator: Evaluator, watermark: string | null): Promise<EvaluationContext> {
    const started = performance.now();
    if (watermark === null) return evaluator.context([], { retracted: new Set(), digest: true });
    // Both reads use the watermark, not the caller's asOf: later batches can never leak in.
    const retracted = await this.store.retractedIds(watermark);
    const context = await evaluator.context(this.store.streamFacts({ asOf: watermark }), {
      retracted,
      digest: true,
    });
    this.logger.debug(
      {
        ruleset: evaluator.ruleSet.hash,
        watermark,
        facts: context.index.factCount,
        ms: Math.round(performance.now() - started),
      },
      'evaluation context built',
    );
    return context;
  }

  clear(): void {
    this.entries.clear();
  }
}
