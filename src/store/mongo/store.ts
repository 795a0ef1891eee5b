// The MongoDB adapter of the Store port (official driver). Works on MongoDB and on FerretDB v1,
// so it uses no transactions, no $lookup, no $group accumulators, and reads duplicate keys only
// from the error code 11000 (FerretDB gives no keyValue).
//
// ATOMIC BATCHES WITHOUT TRANSACTIONS
//   Collections: `batch_reservations` (one doc per batch attempt: _id n = 1, 2, 3..., rt = its
//   recordedAt, seqFrom, count, owner, at = wall-clock start), `facts` (_id = fact id, rt = the
//   batch's recordedAt, which also names the batch, seq, queryable fields t / s / on / rx, rest =
//   the rest of the envelope as JSON), `batches` (a reservation's outcome: {_id: n, state:
//   'committed' | 'aborted', rt, residue}).
//   1. Reserve: insert reservation n = last + 1 with rt = max(now, last.rt + 1 ms) and
//      seqFrom = last.seqFrom + last.count. The unique _id is the compare-and-swap: a writer that
//      loses the race re-reads the last reservation and tries n + 1. So n, rt and seq all grow
//      together and each batch has its own recordedAt.
//   2. Write the facts with the reservation's rt (insertMany, unordered). A duplicate key on a fact
//      id is resolved by looking at the batch holding that id: committed → duplicate (same content)
//      or conflict (then our facts are deleted, FactConflictError); aborted → its leftover is
//      deleted and our insert retried; pending → wait for it (a lower n) or step aside (a higher n:
//      abort ours and start again with a new reservation), so two writers never wait on each other.
//   3. Before committing n, every reservation below n must have an outcome: a pending one whose
//      lease (`leaseMs`, default 30 s, wall clock) has run out — a crashed writer — is aborted by
//      inserting {state: 'aborted', residue: true} and its facts are deleted; a live one is awaited.
//   4. Commit: insert {_id: n, state: 'committed'} into `batches`. Commit and abort both insert
//      _id n, so exactly one of them wins: a writer aborted for an expired lease sees a duplicate
//      key on commit, deletes its facts and starts again.
//   READERS take W = the largest rt of a committed batch with rt <= asOf and read facts with
//   rt <= W, minus the rt of batches aborted with residue: true. Commits happen in n order (3), so
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

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type Collection,
  type Db,
  type Document,
  type Filter,
  type IndexDescription,
  MongoClient,
} from 'mongodb';
import type { Fact, StoredFact, SubjectRef } from '../../model/fact.js';
import {
  assembleEnvelope,
  assertRetractionTargets,
  assertString,
  checkQuery,
  checkRange,
  checkSubject,
  encodeCursor,
  nextRecordedAt,
  normalizeInstant,
  type PreparedBatch,
  prepareBatch,
  RecordConflictError,
  restJson,
  retractionTargetsOutside,
  sameContent,
} from '../common.js';
import {
  type AppendResult,
  type EvaluationRecord,
  FactConflictError,
  type FactPage,
  type FactQuery,
  type RulesetRecord,
  type Store,
} from '../port.js';

export const MONGO_COLLECTIONS = {
  facts: 'facts',
  reservations: 'batch_reservations',
  batches: 'batches',
  rulesets: 'rulesets',
  evaluations: 'evaluations',
} as const;

export interface FactDoc {
  _id: string; // the fact id
  rt: string; // recordedAt
  seq: number;
  t: string; // type
  s: string; // subject as kind:id (a kind has no ':')
  on: string; // occurredOn
  rx?: string; // data.retracts of a retraction
  rest: string; // the rest of the envelope as JSON: {occurredAt?, source?, data}
}

export interface ReservationDoc {
  _id: number;
  rt: string;
  seqFrom: number;
  count: number;
  owner: string;
  at: Date;
}

export interface BatchDoc {
  _id: number;
  state: 'committed' | 'aborted';
  rt: string;
  residue: boolean;
  stored?: number;
  duplicates?: number;
  at: Date;
}

interface RulesetDoc {
  _id: string;
  publishedAt: string;
  doc: string;
}

interface EvaluationDoc {
  _id: string;
  kind: string;
  period: string;
  createdAt: string;
  doc: string;
}

export interface MongoStoreOptions {
  /** The clock for recordedAt (tests inject one). */
  now?: () => Date;
  /** How long a batch may stay pending before another writer may abort it (wall clock). */
  leaseMs?: number;
  /**
   * Create the secondary indexes (default: yes, except on FerretDB v1, whose SQLite backend only
   * ever uses the _id index and would maintain the others for nothing at every insert).
   */
  secondaryIndexes?: boolean;
}

const STREAM_CHUNK = 2000;
const FACT_PROJECTION = { _id: 1, t: 1, s: 1, on: 1, rt: 1, seq: 1, rest: 1 } as const;

function docEnvelope(d: Pick<FactDoc, '_id' | 't' | 's' | 'on' | 'rest'>): Fact {
  const colon = d.s.indexOf(':');
  return assembleEnvelope(d._id, d.t, d.s.slice(0, colon), d.s.slice(colon + 1), d.on, d.rest);
}

function docFact(d: FactDoc): StoredFact {
  const fact = docEnvelope(d) as StoredFact;
  fact.recordedAt = d.rt;
  fact.seq = d.seq;
  return fact;
}
const POLL_MS = 25;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Indexes (into the inserted array) of documents rejected as duplicate keys; other errors throw. */
async function insertUnordered<T extends Document>(collection: Collection<T>, docs: T[]): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the driver's OptionalUnlessRequiredId typing
    await collection.insertMany(docs as any[], { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    if (writeErrors === undefined) throw error;
    const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
      index: number;
      code: number;
    }[];
    if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    return list.map((e) => e.index);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class AbortedError extends Error {}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly secondaryIndexes: boolean | undefined;
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly facts: Collection<FactDoc>;
  private readonly reservations: Collection<ReservationDoc>;
  private readonly batches: Collection<BatchDoc>;
  private readonly rulesets: Collection<RulesetDoc>;
  private readonly evaluations: Collection<EvaluationDoc>;
  /** Whether the server is FerretDB (it answers buildInfo with ferretdbVersion). */
  ferretdb = false;
  private chain: Promise<unknown> = Promise.resolve();
  private lastReservation: ReservationDoc | null = null;
  /** Every reservation with _id <= resolvedUpTo has an outcome. */
  private resolvedUpTo = 0;
  private readonly outcomes = new Map<number, BatchDoc['state']>();

  private constructor(
    private readonly client: MongoClient | null,
    readonly db: Db,
    options: MongoStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 30_000;
    this.secondaryIndexes = options.secondaryIndexes;
    this.facts = db.collection<FactDoc>(MONGO_COLLECTIONS.facts);
    this.reservations = db.collection<ReservationDoc>(MONGO_COLLECTIONS.reservations);
    this.batches = db.collection<BatchDoc>(MONGO_COLLECTIONS.batches);
    this.rulesets = db.collection<RulesetDoc>(MONGO_COLLECTIONS.rulesets);
    this.evaluations = db.collection<EvaluationDoc>(MONGO_COLLECTIONS.evaluations);
  }

  /** Connects to `uri` and uses database `dbName`; close() closes the connection. */
  static async connect(uri: string, dbName: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
    assertString(uri, 'mongodbUri');
    assertString(dbName, 'mongodbDb');
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    try {
      return await MongoStore.open(client.db(dbName), options, client);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  /** Uses an existing database handle (close() then leaves the client open unless given). */
  static async open(
    db: Db,
    options: MongoStoreOptions = {},
    client: MongoClient | null = null,
  ): Promise<MongoStore> {
    const store = new MongoStore(client, db, options);
    await store.init();
    return store;
  }

  private async init(): Promise<void> {
    // One index per createIndexes call: FerretDB v1.24 panics when one call names several indexes
    // that all exist already (a slices.Delete bug in validateIndexesForCreation).
    const indexes: [string, IndexDescription][] = [
      [MONGO_COLLECTIONS.facts, { key: { seq: 1 }, name: 'seq' }],
      [MONGO_COLLECTIONS.facts, { key: { s: 1, seq: 1 }, name: 'subject_seq' }],
      [MONGO_COLLECTIONS.facts, { key: { t: 1, seq: 1 }, name: 'type_seq' }],
      [MONGO_COLLECTIONS.facts, { key: { on: 1, seq: 1 }, name: 'occurredOn_seq' }],
      [MONGO_COLLECTIONS.facts, { key: { rt: 1 }, name: 'recordedAt' }],
      [MONGO_COLLECTIONS.reservations, { key: { rt: 1 }, name: 'recordedAt' }],
      [MONGO_COLLECTIONS.facts, { key: { rx: 1 }, name: 'retracts' }],
      [MONGO_COLLECTIONS.batches, { key: { state: 1, rt: 1 }, name: 'state_rt' }],
      [MONGO_COLLECTIONS.rulesets, { key: { publishedAt: 1, _id: 1 }, name: 'publishedAt' }],
      [
        MONGO_COLLECTIONS.evaluations,
        { key: { kind: 1, period: 1, createdAt: 1, _id: 1 }, name: 'kind_period_createdAt' },
      ],
      [MONGO_COLLECTIONS.evaluations, { key: { createdAt: 1, _id: 1 }, name: 'createdAt' }],
    ];
    const info = await this.db.command({ buildInfo: 1 });
    this.ferretdb = typeof info.ferretdbVersion === 'string';
    if (this.secondaryIndexes ?? !this.ferretdb) {
      for (const [name, index] of indexes) await this.db.collection(name).createIndexes([index]);
    }
    const top = await this.batches
      .find({ state: 'committed' }, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .next();
    this.resolvedUpTo = top?._id ?? 0;
  }

  // ---- appending -----------------------------------------------------------------------------

  appendFacts(facts: Parameters<Store['appendFacts']>[0]): Promise<AppendResult> {
    const run = this.chain.then(
      () => this.append(facts),
      () => this.append(facts),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async append(facts: Parameters<Store['appendFacts']>[0]): Promise<AppendResult> {
    const batch = prepareBatch(facts);
    const outside = retractionTargetsOutside(batch);
    assertRetractionTargets(batch, outside.length > 0 ? await this.committedTypes(outside) : new Map());
    for (let attempt = 1; ; attempt++) {
      const reservation = await this.reserve(batch.facts.length);
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
    const docs = await this.facts.find({ _id: { $in: ids } }, { projection: { t: 1, rt: 1 } }).toArray();
    for (const d of docs) {
      const batch = await this.reservationOf(d.rt);
      if (batch && (await this.outcome(batch._id)) === 'committed') out.set(d._id, d.t);
    }
    return out;
  }

  /** The reservation of the batch that wrote a fact: facts carry its rt, unique per reservation. */
  private async reservationOf(rt: string): Promise<ReservationDoc | null> {
    if (this.lastReservation?.rt === rt) return this.lastReservation;
    return this.reservations.findOne({ rt });
  }

  private async outcome(n: number): Promise<BatchDoc['state'] | null> {
    const known = this.outcomes.get(n);
    if (known) return known;
    const doc = await this.batches.findOne({ _id: n }, { projection: { state: 1 } });
    if (!doc) return null;
    this.outcomes.set(n, doc.state);
    return doc.state;
  }

  private async fetchLastReservation(): Promise<ReservationDoc | null> {
    return this.reservations.find({}).sort({ _id: -1 }).limit(1).next();
  }

  private async reserve(count: number): Promise<ReservationDoc> {
    let last = this.lastReservation ?? (await this.fetchLastReservation());
    for (let i = 0; i < 1000; i++) {
      const doc: ReservationDoc = {
        _id: (last?._id ?? 0) + 1,
        rt: nextRecordedAt(this.now(), last?.rt ?? null),
        seqFrom: last ? last.seqFrom + last.count : 1,
        count,
        owner: this.owner,
        at: new Date(),
      };
      try {
        await this.reservations.insertOne(doc);
        this.lastReservation = doc;
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        last = await this.fetchLastReservation();
      }
    }
    throw new Error('could not reserve a batch number');
  }

  private async writeAndCommit(res: ReservationDoc, batch: PreparedBatch): Promise<AppendResult> {
    const docs: FactDoc[] = batch.facts.map((f, i) => {
      const d: FactDoc = {
        _id: f.id,
        rt: res.rt,
        seq: res.seqFrom + i,
        t: f.type,
        s: `${f.subjectKind}:${f.subjectId}`,
        on: f.occurredOn,
        rest: restJson(f.envelope),
      };
      if (f.retracts !== null) d.rx = f.retracts;
      return d;
    });
    let stored = 0;
    let duplicates = batch.repeats;
    const conflicts: string[] = [];
    try {
      let pending = docs;
      for (let round = 0; pending.length > 0; round++) {
        if (round > 50) throw new Error('could not write the batch: fact ids keep colliding');
        const failed = await insertUnordered(this.facts, pending);
        stored += pending.length - failed.length;
        const retry: FactDoc[] = [];
        for (const k of failed) {
          const d = pending[k] as FactDoc;
          const existing = await this.facts.findOne({ _id: d._id });
          if (!existing) {
            retry.push(d); // deleted meanwhile
            continue;
          }
          if (existing.rt === res.rt) {
            stored++; // ours after all (cannot happen: ids are distinct within a batch)
            continue;
          }
          const holder = await this.reservationOf(existing.rt);
          if (!holder) throw new Error(`fact ${d._id} is stored without a batch reservation`);
          const state = await this.outcome(holder._id);
          if (state === 'committed') {
            if (sameContent(JSON.stringify(docEnvelope(existing)), JSON.stringify(docEnvelope(d))))
              duplicates++;
            else conflicts.push(d._id);
          } else if (state === 'aborted') {
            await this.facts.deleteOne({ _id: d._id, rt: existing.rt });
            retry.push(d);
          } else if (holder._id > res._id) {
            // A later batch, still being written, holds the id; it will wait for ours to resolve.
            throw new AbortedError(`fact ${d._id} is being written by a later batch`);
          } else {
            await this.resolve(holder);
            retry.push(d);
          }
        }
        pending = retry;
      }
      if (conflicts.length > 0) throw new FactConflictError(conflicts);
      await this.resolveEarlier(res);
      try {
        await this.batches.insertOne({
          _id: res._id,
          state: 'committed',
          rt: res.rt,
          residue: false,
          stored,
          duplicates,
          at: new Date(),
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if ((await this.outcome(res._id)) !== 'committed') {
          throw new AbortedError(`batch ${res._id} was aborted by another writer (lease expired)`);
        }
      }
      this.outcomes.set(res._id, 'committed');
      this.resolvedUpTo = Math.max(this.resolvedUpTo, res._id);
      return { stored, duplicates, recordedAt: res.rt };
    } catch (error) {
      // Our own writes are over: delete what we wrote and record the abort (clean unless a write
      // failed midway, where the server might still apply it).
      const clean = error instanceof FactConflictError || error instanceof AbortedError;
      await this.abortOwn(res, clean).catch(() => undefined);
      throw error;
    }
  }

  /** Aborts our own batch: delete its facts, then record the outcome (unless it is committed). */
  private async abortOwn(res: ReservationDoc, clean: boolean): Promise<void> {
    if ((await this.outcome(res._id)) === 'committed') return;
    await this.facts.deleteMany({ rt: res.rt });
    try {
      await this.batches.insertOne({
        _id: res._id,
        state: 'aborted',
        rt: res.rt,
        residue: !clean,
        at: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Already aborted by another writer (lease): our leftovers are gone now.
      if (clean)
        await this.batches.updateOne({ _id: res._id, state: 'aborted' }, { $set: { residue: false } });
    }
    this.outcomes.set(res._id, 'aborted');
  }

  /** Waits until every reservation below ours has an outcome, aborting expired ones. */
  private async resolveEarlier(res: ReservationDoc): Promise<void> {
    const low = this.resolvedUpTo;
    if (res._id - 1 <= low) return;
    const range = { $gt: low, $lt: res._id };
    const [reservations, outcomes] = await Promise.all([
      this.reservations.find({ _id: range }).toArray(),
      this.batches.find({ _id: range }, { projection: { state: 1 } }).toArray(),
    ]);
    for (const o of outcomes) this.outcomes.set(o._id, o.state);
    for (const r of reservations) {
      if (!this.outcomes.has(r._id)) await this.resolve(r);
    }
    this.resolvedUpTo = Math.max(this.resolvedUpTo, res._id - 1);
  }

  /** Waits for a pending reservation to get an outcome; aborts it when its lease has run out. */
  private async resolve(r: ReservationDoc): Promise<BatchDoc['state']> {
    for (;;) {
      const state = await this.outcome(r._id);
      if (state) return state;
      if (r.owner === this.owner || r.at.getTime() + this.leaseMs <= Date.now()) {
        // Ours (an earlier append that failed to record its abort) or a crashed writer's.
        try {
          await this.batches.insertOne({
            _id: r._id,
            state: 'aborted',
            rt: r.rt,
            residue: true,
            at: new Date(),
          });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          continue; // someone else resolved it: read the outcome
        }
        this.outcomes.set(r._id, 'aborted');
        await this.facts.deleteMany({ rt: r.rt });
        return 'aborted';
      }
      await sleep(POLL_MS);
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The filter of facts known at asOf (see the design above), or null when nothing is. */
  private async visible(asOf: string): Promise<Filter<FactDoc> | null> {
    const top = await this.batches
      .find({ state: 'committed', rt: { $lte: asOf } }, { projection: { rt: 1 } })
      .sort({ rt: -1 })
      .limit(1)
      .next();
    if (!top) return null;
    const residue = await this.batches
      .find({ state: 'aborted', residue: true, rt: { $lte: top.rt } }, { projection: { rt: 1 } })
      .toArray();
    const filter: Filter<FactDoc> = {
      rt: residue.length > 0 ? { $lte: top.rt, $nin: residue.map((r) => r.rt) } : { $lte: top.rt },
    };
    return filter;
  }

  private async retracted(visible: Filter<FactDoc>): Promise<Set<string>> {
    const out = new Set<string>();
    const cursor = this.facts.find({ ...visible, t: 'retraction' }, { projection: { rx: 1 } });
    for await (const d of cursor) if (typeof d.rx === 'string') out.add(d.rx);
    return out;
  }

  async queryFacts(query: FactQuery): Promise<FactPage> {
    const q = checkQuery(query);
    const visible = await this.visible(q.asOf);
    if (!visible) return { facts: [], next: null };
    const filter: Filter<FactDoc> = { ...visible, seq: { $gt: q.after } };
    if (q.subject) {
      filter.s = `${q.subject.kind}:${q.subject.id}`;
    }
    if (q.type !== undefined) filter.t = q.type;
    if (q.from !== undefined || q.to !== undefined) {
      const on: { $gte?: string; $lte?: string } = {};
      if (q.from !== undefined) on.$gte = q.from;
      if (q.to !== undefined) on.$lte = q.to;
      filter.on = on;
    }
    if (!q.includeRetracted) {
      const retracted = await this.retracted(visible);
      if (retracted.size > 0) filter._id = { $nin: [...retracted] };
    }
    const docs = await this.facts
      .find(filter, { projection: FACT_PROJECTION })
      .sort({ seq: 1 })
      .limit(q.limit + 1)
      .toArray();
    const more = docs.length > q.limit;
    if (more) docs.length = q.limit;
    const last = docs[docs.length - 1];
    return {
      facts: docs.map(docFact),
      next: more && last ? encodeCursor(last.seq) : null,
    };
  }

  async *streamFacts(query: { asOf: string; from?: string; to?: string }): AsyncIterable<StoredFact> {
    const r = checkRange(query);
    const visible = await this.visible(r.asOf);
    if (!visible) return;
    const filter: Filter<FactDoc> = { ...visible };
    if (r.from !== undefined || r.to !== undefined) {
      const on: { $gte?: string; $lte?: string } = {};
      if (r.from !== undefined) on.$gte = r.from;
      if (r.to !== undefined) on.$lte = r.to;
      filter.on = on;
    }
    const cursor = this.facts
      .find(filter, { projection: FACT_PROJECTION })
      .sort({ seq: 1 })
      .batchSize(STREAM_CHUNK);
    try {
      for await (const d of cursor) yield docFact(d as FactDoc);
    } finally {
      await cursor.close();
    }
  }

  async retractedIds(asOf: string): Promise<Set<string>> {
    const visible = await this.visible(normalizeInstant(asOf));
    return visible ? this.retracted(visible) : new Set();
  }

  async hasSubject(subject: SubjectRef, asOf: string): Promise<boolean> {
    const s = checkSubject(subject);
    const visible = await this.visible(normalizeInstant(asOf));
    if (!visible) return false;
    const doc = await this.facts.findOne({ ...visible, s: `${s.kind}:${s.id}` }, { projection: { _id: 1 } });
    return doc !== null;
  }

  async watermark(asOf: string): Promise<string | null> {
    const top = await this.batches
      .find(
        { state: 'committed', stored: { $gt: 0 }, rt: { $lte: normalizeInstant(asOf) } },
        { projection: { rt: 1 } },
      )
      .sort({ rt: -1 })
      .limit(1)
      .next();
    return top?.rt ?? null;
  }

  // ---- rulesets and evaluations --------------------------------------------------------------

  async putRuleset(record: RulesetRecord): Promise<boolean> {
    assertString(record.hash, 'ruleset hash');
    assertString(record.publishedAt, 'ruleset publishedAt');
    try {
      await this.rulesets.insertOne({
        _id: record.hash,
        publishedAt: record.publishedAt,
        doc: JSON.stringify(record),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async listRulesets(): Promise<RulesetRecord[]> {
    const docs = await this.rulesets.find({}).sort({ publishedAt: 1, _id: 1 }).toArray();
    return docs.map((d) => JSON.parse(d.doc) as RulesetRecord);
  }

  async getRuleset(hash: string): Promise<RulesetRecord | null> {
    assertString(hash, 'hash');
    const d = await this.rulesets.findOne({ _id: hash });
    return d ? (JSON.parse(d.doc) as RulesetRecord) : null;
  }

  async putEvaluation(record: EvaluationRecord): Promise<void> {
    assertString(record.id, 'evaluation id');
    assertString(record.kind, 'evaluation kind');
    assertString(record.period, 'evaluation period');
    assertString(record.createdAt, 'evaluation createdAt');
    const doc = JSON.stringify(record);
    try {
      await this.evaluations.insertOne({
        _id: record.id,
        kind: record.kind,
        period: record.period,
        createdAt: record.createdAt,
        doc,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.evaluations.findOne({ _id: record.id });
      if (!existing || !sameContent(existing.doc, doc)) {
        throw new RecordConflictError(`evaluation ${record.id} is already stored with different content`);
      }
    }
  }

  async getEvaluation(id: string): Promise<EvaluationRecord | null> {
    assertString(id, 'id');
    const d = await this.evaluations.findOne({ _id: id });
    return d ? (JSON.parse(d.doc) as EvaluationRecord) : null;
  }

  async listEvaluations(filter: { kind?: string; period?: string }): Promise<EvaluationRecord[]> {
    const f: Filter<EvaluationDoc> = {};
    if (filter.kind !== undefined) {
      assertString(filter.kind, 'kind');
      f.kind = filter.kind;
    }
    if (filter.period !== undefined) {
      assertString(filter.period, 'period');
      f.period = filter.period;
    }
    const docs = await this.evaluations.find(f).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((d) => JSON.parse(d.doc) as EvaluationRecord);
  }

  async close(): Promise<void> {
    await this.chain;
    if (this.client) await this.client.close();
  }
}
