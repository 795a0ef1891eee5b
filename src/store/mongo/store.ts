// The MongoDB adapter of the Store port (official driver). Works on MongoDB and on FerretDB v1,
// so it uses no transactions, no $lookup, no $group accumulators, and reads duplicate keys only
// from the error code 11000 (FerretDB gives no keyValue).
// This class wires the parts: the stored documents (documents.ts), atomic batches without
// transactions (append.ts, batch-ledger.ts), fact reads (fact-queries.ts), rulesets and
// evaluations (records.ts).
import { type Db, MongoClient } from 'mongodb';
import type { Fact, StoredFact, SubjectRef } from '../../model/fact.js';
import { assertString, normalizeInstant } from '../common.js';
import type { AppendResult, EvaluationRecord, FactPage, FactQuery, RulesetRecord, Store } from '../port.js';
import { FactAppender } from './append.js';
import { BatchLedger } from './batch-ledger.js';
import { CommittedView } from './committed-view.js';
import { MONGO_INDEXES, type MongoCollections, mongoCollections } from './documents.js';
import { hasSubject, queryFacts, retractedIds, streamFacts } from './fact-queries.js';
import { migrateBatchKeys } from './migrate.js';
import { MongoDecisions, MongoRounds } from './procedure.js';
import {
  getEvaluation,
  getRuleset,
  listEvaluations,
  listRulesets,
  putEvaluation,
  putRuleset,
} from './records.js';
import { WritePacer } from './write-pacer.js';

export {
  type BatchDoc,
  batchKey,
  type FactDoc,
  MONGO_COLLECTIONS,
  type ReservationDoc,
} from './documents.js';

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

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly secondaryIndexes: boolean | undefined;
  private readonly collections: MongoCollections;
  private readonly ledger: BatchLedger;
  private readonly appender: FactAppender;
  readonly rounds: MongoRounds;
  readonly decisions: MongoDecisions;
  private readonly view: CommittedView;
  /** Whether the server is FerretDB (it answers buildInfo with ferretdbVersion). */
  ferretdb = false;

  private constructor(
    private readonly client: MongoClient | null,
    readonly db: Db,
    options: MongoStoreOptions,
  ) {
    this.secondaryIndexes = options.secondaryIndexes;
    this.collections = mongoCollections(db);
    this.ledger = new BatchLedger(
      this.collections,
      options.now ?? (() => new Date()),
      options.leaseMs ?? 30_000,
    );
    this.appender = new FactAppender(this.collections, this.ledger);
    this.rounds = new MongoRounds(db);
    const pacer = new WritePacer();
    this.decisions = new MongoDecisions(db, pacer);
    // The count command through Collection.count (deprecated for whole-collection estimates, exact
    // with an _id filter): unlike db.command it is a retryable read, and FerretDB v1 has no $group
    // for countDocuments.
    const batches = this.collections.batches;
    this.view = new CommittedView(
      this.collections,
      pacer,
      async (_id) => (await batches.count({ _id }, { limit: 1 })) > 0,
    );
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
    const info = await this.db.command({ buildInfo: 1 });
    this.ferretdb = typeof info.ferretdbVersion === 'string';
    if (this.secondaryIndexes ?? !this.ferretdb) {
      // One index per createIndexes call: FerretDB v1.24 panics when one call names several indexes
      // that all exist already (a slices.Delete bug in validateIndexesForCreation).
      for (const [name, index] of MONGO_INDEXES) await this.db.collection(name).createIndexes([index]);
    }
    await migrateBatchKeys(this.db);
    await this.ledger.load();
    await this.view.load();
  }

  appendFacts(facts: Fact[]): Promise<AppendResult> {
    return this.appender.appendFacts(facts);
  }

  queryFacts(query: FactQuery): Promise<FactPage> {
    return queryFacts(this.collections, this.view, query);
  }

  streamFacts(query: { asOf: string; from?: string; to?: string }): AsyncIterable<StoredFact> {
    return streamFacts(this.collections, this.view, query);
  }

  retractedIds(asOf: string): Promise<Set<string>> {
    return retractedIds(this.collections, this.view, asOf);
  }

  hasSubject(subject: SubjectRef, asOf: string): Promise<boolean> {
    return hasSubject(this.collections, this.view, subject, asOf);
  }

  watermark(asOf: string): Promise<string | null> {
    return this.view.watermark(normalizeInstant(asOf));
  }

  settle(asOf: string): Promise<void> {
    return this.appender.settle(normalizeInstant(asOf));
  }

  putRuleset(record: RulesetRecord): Promise<boolean> {
    return putRuleset(this.collections, record);
  }

  listRulesets(): Promise<RulesetRecord[]> {
    return listRulesets(this.collections);
  }

  getRuleset(hash: string): Promise<RulesetRecord | null> {
    return getRuleset(this.collections, hash);
  }

  putEvaluation(record: EvaluationRecord): Promise<void> {
    return putEvaluation(this.collections, record);
  }

  getEvaluation(id: string): Promise<EvaluationRecord | null> {
    return getEvaluation(this.collections, id);
  }

  listEvaluations(filter: { kind?: string; period?: string }): Promise<EvaluationRecord[]> {
    return listEvaluations(this.collections, filter);
  }

  async close(): Promise<void> {
    await this.appender.settled();
    if (this.client) await this.client.close();
  }
}
