// Appending a batch of facts atomically for readers, without transactions (MongoDB and FerretDB v1).
//
// ATOMIC BATCHES WITHOUT TRANSACTIONS
//   Collections: `batch_reservations` (one doc per batch attempt: n = 1, 2, 3..., _id = batchKey(n)
//   (n zero-padded), rt = its recordedAt, seqFrom, count, owner, at = wall-clock start), `facts`
//   (_id = fact id, rt = the batch's recordedAt, which also names the batch, seq, queryable fields
//   t / s / on / rx, rest = the rest of the envelope as JSON), `batches` (a reservation's outcome:
//   {_id: batchKey(n), n, state: 'committed' | 'aborted', rt, residue, stored}).
//   1. Reserve: insert reservation n = last + 1 with rt = max(now, last.rt + 1 ms) and
//      seqFrom = last.seqFrom + last.count. The unique _id is the compare-and-swap: a writer that
//      loses the race reads reservation n and tries n + 1. So n, rt and seq all grow together
//      and each batch has its own recordedAt.
//   2. Write the facts with the reservation's rt (insertMany, unordered). A duplicate key on a fact
//      id is resolved by looking at the batch holding that id: committed → duplicate (same content)
//      or conflict (then our facts are deleted, FactConflictError); aborted → its leftover is
//      deleted and our insert retried; pending → wait for it (a lower n) or step aside (a higher n:
//      abort ours and start again with a new reservation), so two writers never wait on each other.
//   3. Before committing n, every reservation below n must have an outcome: a pending one whose
//      lease (`leaseMs`, default 30 s, wall clock) has run out — a crashed writer — is aborted by
//      inserting {state: 'aborted', residue: true} and its facts are deleted; a live one is awaited.
//   4. Commit: insert {_id: batchKey(n), state: 'committed'} into `batches`. Commit and abort both
//      insert that _id, so exactly one of them wins: a writer aborted for an expired lease sees a
//      duplicate key on commit, deletes its facts and starts again.
//   READERS (committed-view.ts) take W = the largest rt of a committed batch with rt <= asOf,
//   found by reading outcomes by key from the last one seen until one is missing, and read facts
//   with rt <= W, minus the rt of batches aborted with residue: true. Commits happen in n order (3), so
//   every batch with rt <= W has an outcome; an aborted one is excluded while anything of it may
//   remain (a writer that aborts its own batch deletes its facts first and records residue: false;
//   a lease abort keeps residue: true because a slow owner could still write). So a half-written
//   batch is never visible (no commit, or rt > W, or excluded), blocks later batches for at most
//   its lease, and its ids can be posted again (step 2 deletes the leftovers).
//   The only writes that are not inserts are this bookkeeping of uncommitted batches: deleting the
//   facts of aborted batches and setting residue: false once they are gone. Committed facts,
//   outcomes, rulesets and evaluations are never updated or deleted.
//   Within one process appends are serialized (a promise chain): waiting only happens between
//   processes, or after a crash within the lease.
//
// Steps 1, 3 and 4 are the ledger's (batch-ledger.ts); step 2 is here; readers are in fact-queries.ts.
import type { Fact } from '../../model/fact.js';
import {
  assertRetractionTargets,
  type PreparedBatch,
  prepareBatch,
  retractionTargetsOutside,
  sameContent,
} from '../common.js';
import { type AppendResult, FactConflictError } from '../port.js';
import { AbortedError, type BatchLedger } from './batch-ledger.js';
import {
  docEnvelope,
  type FactDoc,
  factDoc,
  type MongoCollections,
  type ReservationDoc,
} from './documents.js';
import { insertUnordered } from './duplicate-keys.js';

const READ_CHUNK = 64;

export class FactAppender {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly collections: Pick<MongoCollections, 'facts'>,
    private readonly ledger: BatchLedger,
  ) {}

  /** Appends a batch after every earlier append of this process has settled. */
  appendFacts(facts: Fact[]): Promise<AppendResult> {
    const run = this.chain.then(
      () => this.append(facts),
      () => this.append(facts),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * A fence at asOf: reserves an empty batch (its recordedAt is past asOf and every later batch's
   * is past it), waits until every batch before it has an outcome, and commits it.
   */
  settle(asOf: string): Promise<void> {
    const run = this.chain.then(
      () => this.fence(asOf),
      () => this.fence(asOf),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async fence(asOf: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const reservation = await this.ledger.reserve(0, asOf);
      try {
        await this.ledger.resolveEarlier(reservation);
        await this.ledger.commit(reservation, 0, 0);
        return;
      } catch (error) {
        await this.ledger.abortOwn(reservation, true).catch(() => undefined);
        if (!(error instanceof AbortedError) || attempt >= 5) throw error;
      }
    }
  }

  /** Settles once every append started so far has settled. */
  settled(): Promise<unknown> {
    return this.chain;
  }

  private async append(facts: Fact[]): Promise<AppendResult> {
    const batch = prepareBatch(facts);
    const outside = retractionTargetsOutside(batch);
    assertRetractionTargets(batch, outside.length > 0 ? await this.committedTypes(outside) : new Map());
    for (let attempt = 1; ; attempt++) {
      const reservation = await this.ledger.reserve(batch.facts.length);
      try {
        return await this.writeAndCommit(reservation, batch);
      } catch (error) {
        if (!(error instanceof AbortedError) || attempt >= 5) throw error;
      }
    }
  }

  /** Types of the given ids among committed facts (for retraction targets). */
  private async committedTypes(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // One find by _id per target: FerretDB v1 answers those from its primary key (an $in scans).
    const docs = await Promise.all(
      ids.map((id) => this.collections.facts.findOne({ _id: id }, { projection: { t: 1, rt: 1 } })),
    );
    for (const d of docs) {
      if (!d) continue;
      const batch = await this.ledger.reservationOf(d.rt);
      if (batch && (await this.ledger.outcome(batch.n)) === 'committed') out.set(d._id, d.t);
    }
    return out;
  }

  /** The stored documents of these ids, read by _id a chunk at a time (not one round trip each). */
  private async storedDocs(ids: string[]): Promise<Map<string, FactDoc>> {
    const out = new Map<string, FactDoc>();
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      const docs = await Promise.all(
        ids.slice(i, i + READ_CHUNK).map((_id) => this.collections.facts.findOne({ _id })),
      );
      for (const d of docs) if (d) out.set(d._id, d);
    }
    return out;
  }

  private async writeAndCommit(res: ReservationDoc, batch: PreparedBatch): Promise<AppendResult> {
    const docs: FactDoc[] = batch.facts.map((f, i) => factDoc(f, res, i));
    let stored = 0;
    let duplicates = batch.repeats;
    const conflicts: string[] = [];
    try {
      let pending = docs;
      for (let round = 0; pending.length > 0; round++) {
        if (round > 50) throw new Error('could not write the batch: fact ids keep colliding');
        const failed = await insertUnordered(this.collections.facts, pending);
        stored += pending.length - failed.length;
        const retry: FactDoc[] = [];
        const holders = await this.storedDocs(failed.map((k) => (pending[k] as FactDoc)._id));
        for (const k of failed) {
          const d = pending[k] as FactDoc;
          const existing = holders.get(d._id);
          if (!existing) {
            retry.push(d); // deleted meanwhile
            continue;
          }
          if (existing.rt === res.rt) {
            stored++; // ours after all (cannot happen: ids are distinct within a batch)
            continue;
          }
          const holder = await this.ledger.reservationOf(existing.rt);
          if (!holder) throw new Error(`fact ${d._id} is stored without a batch reservation`);
          const state = await this.ledger.outcome(holder.n);
          if (state === 'committed') {
            if (sameContent(JSON.stringify(docEnvelope(existing)), JSON.stringify(docEnvelope(d))))
              duplicates++;
            else conflicts.push(d._id);
          } else if (state === 'aborted') {
            await this.collections.facts.deleteOne({ _id: d._id, rt: existing.rt });
            retry.push(d);
          } else if (holder.n > res.n) {
            // A later batch, still being written, holds the id; it will wait for ours to resolve.
            throw new AbortedError(`fact ${d._id} is being written by a later batch`);
          } else {
            await this.ledger.resolve(holder);
            retry.push(d);
          }
        }
        pending = retry;
      }
      if (conflicts.length > 0) throw new FactConflictError(conflicts);
      await this.ledger.resolveEarlier(res);
      await this.ledger.commit(res, stored, duplicates);
      return { stored, duplicates, recordedAt: res.rt };
    } catch (error) {
      // Our own writes are over: delete what we wrote and record the abort (clean unless a write
      // failed midway, where the server might still apply it).
      const clean = error instanceof FactConflictError || error instanceof AbortedError;
      await this.ledger.abortOwn(res, clean).catch(() => undefined);
      throw error;
    }
  }
}
