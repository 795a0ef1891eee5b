// The bookkeeping of the batch protocol (see append.ts): reservations (step 1), outcomes and the
// leases of pending batches (step 3), commit and abort records (step 4). It caches what never
// changes once known: the outcome of a reservation, and how far every reservation has one.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { nextRecordedAt } from '../common.js';
import { type BatchDoc, batchKey, type MongoCollections, type ReservationDoc } from './documents.js';
import { isDuplicateKey } from './duplicate-keys.js';

// Waiting for another writer's batch: poll soon (it is usually about to commit), then back off.
const POLL_FIRST_MS = 1;
const POLL_MAX_MS = 25;
const RESOLVE_CHUNK = 32;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Our batch lost its reservation (a later writer holds an id, or our lease ran out): start again. */
export class AbortedError extends Error {}

function later(a: string | null, b: string | undefined): string | null {
  if (b === undefined) return a;
  return a === null || b > a ? b : a;
}

export class BatchLedger {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  private lastReservation: ReservationDoc | null = null;
  /** Every reservation with n <= resolvedUpTo has an outcome. */
  private resolvedUpTo = 0;
  private readonly outcomes = new Map<number, BatchDoc['state']>();
  /** Reservations by rt, of batches that hold ids a new batch collided with (a few at a time). */
  private readonly byRt = new Map<string, ReservationDoc>();

  constructor(
    private readonly collections: Pick<MongoCollections, 'facts' | 'reservations' | 'batches'>,
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {}

  /** Starts from the last committed batch: every reservation up to it has an outcome. */
  async load(): Promise<void> {
    const top = await this.collections.batches
      .find({ state: 'committed' }, { projection: { n: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .next();
    this.resolvedUpTo = top?.n ?? 0;
  }

  /** The reservation of the batch that wrote a fact: facts carry its rt, unique per reservation. */
  async reservationOf(rt: string): Promise<ReservationDoc | null> {
    if (this.lastReservation?.rt === rt) return this.lastReservation;
    const known = this.byRt.get(rt);
    if (known) return known;
    const doc = await this.collections.reservations.findOne({ rt });
    if (doc) {
      if (this.byRt.size >= 1000) this.byRt.clear();
      this.byRt.set(rt, doc);
    }
    return doc;
  }

  async outcome(n: number): Promise<BatchDoc['state'] | null> {
    const known = this.outcomes.get(n);
    if (known) return known;
    const doc = await this.collections.batches.findOne({ _id: batchKey(n) }, { projection: { state: 1 } });
    if (!doc) return null;
    this.outcomes.set(n, doc.state);
    return doc.state;
  }

  private async fetchLastReservation(): Promise<ReservationDoc | null> {
    return this.collections.reservations.find({}).sort({ _id: -1 }).limit(1).next();
  }

  /** The next batch number, with a recordedAt later than the last batch's (and than `after`). */
  async reserve(count: number, after?: string): Promise<ReservationDoc> {
    let last = this.lastReservation ?? (await this.fetchLastReservation());
    for (let i = 0; i < 1000; i++) {
      const n = (last?.n ?? 0) + 1;
      const doc: ReservationDoc = {
        _id: batchKey(n),
        n,
        rt: nextRecordedAt(this.now(), later(last?.rt ?? null, after)),
        seqFrom: last ? last.seqFrom + last.count : 1,
        count,
        owner: this.owner,
        at: new Date(),
      };
      try {
        await this.collections.reservations.insertOne(doc);
        this.lastReservation = doc;
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another writer took n: read its reservation (by key) and try the number after it.
        last =
          (await this.collections.reservations.findOne({ _id: batchKey(n) })) ??
          (await this.fetchLastReservation());
      }
    }
    throw new Error('could not reserve a batch number');
  }

  /** Records our batch as committed; AbortedError when another writer aborted it first (lease). */
  async commit(res: ReservationDoc, stored: number, duplicates: number): Promise<void> {
    try {
      await this.collections.batches.insertOne({
        _id: res._id,
        n: res.n,
        state: 'committed',
        rt: res.rt,
        residue: false,
        stored,
        duplicates,
        at: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if ((await this.outcome(res.n)) !== 'committed') {
        throw new AbortedError(`batch ${res.n} was aborted by another writer (lease expired)`);
      }
    }
    this.outcomes.set(res.n, 'committed');
    this.resolvedUpTo = Math.max(this.resolvedUpTo, res.n);
  }

  /** Aborts our own batch: delete its facts, then record the outcome (unless it is committed). */
  async abortOwn(res: ReservationDoc, clean: boolean): Promise<void> {
    if ((await this.outcome(res.n)) === 'committed') return;
    await this.collections.facts.deleteMany({ rt: res.rt });
    try {
      await this.collections.batches.insertOne({
        _id: res._id,
        n: res.n,
        state: 'aborted',
        rt: res.rt,
        residue: !clean,
        at: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Already aborted by another writer (lease): our leftovers are gone now.
      if (clean)
        await this.collections.batches.updateOne(
          { _id: res._id, state: 'aborted' },
          { $set: { residue: false } },
        );
    }
    this.outcomes.set(res.n, 'aborted');
  }

  /** Waits until every reservation below ours has an outcome, aborting expired ones. */
  async resolveEarlier(res: ReservationDoc): Promise<void> {
    const low = this.resolvedUpTo;
    if (res.n - 1 <= low) return;
    // By key, a few at a time (what other writers added since our last batch): point reads.
    for (let from = low + 1; from < res.n; from += RESOLVE_CHUNK) {
      const numbers: number[] = [];
      for (let n = from; n < Math.min(from + RESOLVE_CHUNK, res.n); n++) numbers.push(n);
      await Promise.all(
        numbers.map(async (n) => {
          if (await this.outcome(n)) return;
          const r = await this.collections.reservations.findOne({ _id: batchKey(n) });
          if (r) await this.resolve(r);
        }),
      );
    }
    this.resolvedUpTo = Math.max(this.resolvedUpTo, res.n - 1);
  }

  /** Waits for a pending reservation to get an outcome; aborts it when its lease has run out. */
  async resolve(r: ReservationDoc): Promise<BatchDoc['state']> {
    for (let pause = POLL_FIRST_MS; ; pause = Math.min(2 * pause, POLL_MAX_MS)) {
      const state = await this.outcome(r.n);
      if (state) return state;
      if (r.owner === this.owner || r.at.getTime() + this.leaseMs <= Date.now()) {
        // Ours (an earlier append that failed to record its abort) or a crashed writer's.
        try {
          await this.collections.batches.insertOne({
            _id: r._id,
            n: r.n,
            state: 'aborted',
            rt: r.rt,
            residue: true,
            at: new Date(),
          });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          continue; // someone else resolved it: read the outcome
        }
        this.outcomes.set(r.n, 'aborted');
        await this.collections.facts.deleteMany({ rt: r.rt });
        return 'aborted';
      }
      await sleep(pause);
    }
  }
}
