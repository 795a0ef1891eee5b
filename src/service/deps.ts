// What the use cases share: the store, the rule-set catalog, the context cache, the clock and the
// logger. One object, built by KaoheService, so each use-case module stays a set of functions.

import type { Logger } from '../log/logger.js';
import type { Store } from '../store/port.js';
import type { ContextCache } from './contexts.js';
import type { DecisionLog } from './decision-log.js';
import type { RulesetCatalog } from './rulesets.js';

export interface Deps {
  store: Store;
  catalog: RulesetCatalog;
  contexts: ContextCache;
  now: () => Date;
  logger: Logger;
  asOfGuard: AsOfGuard;
  decisions: DecisionLog;
}

const MAX_WAIT_MS = 20;

/**
 * An evaluation's default asOf is "now". A batch appended later in the same millisecond would get
 * recordedAt == asOf and count in the replay but not in the evaluation. So this process's appends
 * wait until the clock has passed the latest default asOf handed out: a millisecond or so in
 * practice; a frozen test clock gives up after MAX_WAIT_MS of real time.
 */
export class AsOfGuard {
  private latestMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => Date) {}

  /** The current instant as an asOf (UTC, milliseconds), remembered for later appends. */
  take(): string {
    const now = this.now();
    this.latestMs = Math.max(this.latestMs, now.getTime());
    return now.toISOString();
  }

  /**
   * Waits until the clock has reached a batch's recordedAt before it is acknowledged. Batches in
   * one millisecond get recordedAt 1 ms apart and can run ahead of the clock; a request that
   * follows the acknowledgement, on any instance, then takes an asOf that includes the batch.
   */
  async afterAppend(recordedAt: string): Promise<void> {
    const target = Date.parse(recordedAt);
    const deadline = Date.now() + MAX_WAIT_MS;
    while (this.now().getTime() < target && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  async beforeAppend(): Promise<void> {
    if (this.now().getTime() > this.latestMs) return;
    const deadline = Date.now() + MAX_WAIT_MS;
    while (this.now().getTime() <= this.latestMs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}
