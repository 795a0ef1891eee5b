// The SQLite adapter of the Store port (better-sqlite3, WAL).
//
// One file `<dataDir>/kaohe.sqlite` (or ':memory:' in tests). Every append is one IMMEDIATE
// transaction, so readers see a batch entirely or not at all, and recordedAt/seq are taken from
// the database inside it (safe even if two processes share the file).
//
// Tables (append-only; nothing is ever updated or deleted):
//   facts(seq PK = rowid, id UNIQUE, type, subject_kind, subject_id, occurred_on, recorded_at,
//         retracts, rest) — rest is the rest of the envelope as JSON ({occurredAt?, source?, data});
//         the fact is returned rebuilt in the envelope's fixed key order. Indexes on
//         (subject_kind, subject_id), (type), (occurred_on) and the retractions' targets; SQLite
//         appends the rowid (= seq) to every index entry, so each one is also in seq order: new
//         facts land at the tail of each subject's range (cheap inserts) and pages come out sorted.
//   batches(recorded_at PK, seq_from, seq_to, stored, duplicates) — one row per append; seq_to is
//         the largest seq stored so far, so "known at asOf" is `seq <= seq_to` of the last batch
//         with recorded_at <= asOf (a rowid range, which every index can apply cheaply).
//   rulesets(hash PK, published_at, body), evaluations(id PK, kind, period, created_at, body).
import Database from 'better-sqlite3';
import type { Fact, StoredFact, SubjectRef } from '../../model/fact.js';
import {
  assembleEnvelope,
  assertRetractionTargets,
  assertString,
  type CheckedQuery,
  checkQuery,
  checkRange,
  checkSubject,
  encodeCursor,
  nextRecordedAt,
  normalizeInstant,
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
import { DecisionWriter } from './decision-writer.js';
import { PROCEDURE_SCHEMA, SqliteDecisions, SqliteRounds } from './procedure.js';

const SCHEMA_VERSION = 1;
const WAL_AUTOCHECKPOINT = 10_000; // pages
const STREAM_CHUNK = 2000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS facts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  retracts TEXT,
  rest TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS facts_id ON facts (id);
CREATE INDEX IF NOT EXISTS facts_subject ON facts (subject_kind, subject_id);
CREATE INDEX IF NOT EXISTS facts_type ON facts (type);
CREATE INDEX IF NOT EXISTS facts_occurred_on ON facts (occurred_on);
CREATE INDEX IF NOT EXISTS facts_retracts ON facts (retracts) WHERE retracts IS NOT NULL;
CREATE TABLE IF NOT EXISTS batches (
  recorded_at TEXT PRIMARY KEY,
  seq_from INTEGER NOT NULL,
  seq_to INTEGER NOT NULL,
  stored INTEGER NOT NULL,
  duplicates INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rulesets (
  hash TEXT PRIMARY KEY,
  published_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rulesets_published ON rulesets (published_at, hash);
CREATE TABLE IF NOT EXISTS evaluations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS evaluations_kind_period ON evaluations (kind, period, created_at, id);
CREATE INDEX IF NOT EXISTS evaluations_created ON evaluations (created_at, id);
`;

export interface SqliteStoreOptions {
  /** The clock for recordedAt (tests inject one). */
  now?: () => Date;
  /** PRAGMA synchronous: FULL (default, a 200 survives a power cut) or NORMAL (faster). */
  synchronous?: 'FULL' | 'NORMAL';
  /** The decision log's commits (default: `synchronous`); NORMAL survives a process crash only. */
  decisionLogSync?: 'FULL' | 'NORMAL';
}

const FACT_COLUMNS = 'seq, id, type, subject_kind, subject_id, occurred_on, recorded_at, rest';
const FACT_COLUMNS_F = FACT_COLUMNS.split(', ')
  .map((c) => `f.${c}`)
  .join(', ');

interface FactRow {
  seq: number;
  id: string;
  type: string;
  subject_kind: string;
  subject_id: string;
  occurred_on: string;
  recorded_at: string;
  rest: string;
}

function rowEnvelope(r: Omit<FactRow, 'seq' | 'recorded_at'>): Fact {
  return assembleEnvelope(r.id, r.type, r.subject_kind, r.subject_id, r.occurred_on, r.rest);
}

function rowFact(r: FactRow): StoredFact {
  const fact = rowEnvelope(r) as StoredFact;
  fact.recordedAt = r.recorded_at;
  fact.seq = r.seq;
  return fact;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly queries = new Map<string, Database.Statement>();
  private readonly stmt: {
    lastBatch: Database.Statement<[], { recorded_at: string; seq_to: number }>;
    bound: Database.Statement<[string], { seq_to: number }>;
    insertFact: Database.Statement<unknown[]>;
    factById: Database.Statement<[string], Omit<FactRow, 'seq' | 'recorded_at'>>;
    typeById: Database.Statement<[string], { type: string }>;
    insertBatch: Database.Statement<unknown[]>;
    retracted: Database.Statement<[number], { retracts: string }>;
    hasSubject: Database.Statement<[string, string, number], { one: number }>;
    watermark: Database.Statement<[string], { recorded_at: string }>;
    insertRuleset: Database.Statement<unknown[]>;
    listRulesets: Database.Statement<[], { body: string }>;
    getRuleset: Database.Statement<[string], { body: string }>;
    insertEvaluation: Database.Statement<unknown[]>;
    getEvaluation: Database.Statement<[string], { body: string }>;
  };
  readonly rounds: SqliteRounds;
  readonly decisions: SqliteDecisions;
  private readonly appendTx: (facts: Parameters<typeof prepareBatch>[0]) => AppendResult;

  /** `file` is a path, or ':memory:'. */
  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    const synchronous = options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL';
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    // Ingest speed: a 64 MiB page cache and fewer, larger checkpoints (every ~40 MiB of WAL).
    this.db.pragma('cache_size = -65536');
    this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT}`);
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`${file}: schema version ${version} is newer than this program's (${SCHEMA_VERSION})`);
    }
    this.db.exec(SCHEMA);
    this.db.exec(PROCEDURE_SCHEMA);
    this.rounds = new SqliteRounds(this.db);
    // A file's decisions commit on a worker (decision-writer.ts): their fsync leaves the event loop.
    const writer = this.db.memory
      ? null
      : new DecisionWriter(this.db.name, {
          synchronous: options.decisionLogSync ?? synchronous,
          walAutocheckpoint: WAL_AUTOCHECKPOINT,
        });
    this.decisions = new SqliteDecisions(this.db, writer);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);

    const db = this.db;
    this.stmt = {
      lastBatch: db.prepare('SELECT recorded_at, seq_to FROM batches ORDER BY recorded_at DESC LIMIT 1'),
      bound: db.prepare(
        'SELECT seq_to FROM batches WHERE recorded_at <= ? ORDER BY recorded_at DESC LIMIT 1',
      ),
      insertFact: db.prepare(
        `INSERT INTO facts (seq, id, type, subject_kind, subject_id, occurred_on, recorded_at, retracts, rest)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      factById: db.prepare(
        'SELECT id, type, subject_kind, subject_id, occurred_on, rest FROM facts WHERE id = ?',
      ),
      typeById: db.prepare('SELECT type FROM facts WHERE id = ?'),
      insertBatch: db.prepare(
        'INSERT INTO batches (recorded_at, seq_from, seq_to, stored, duplicates) VALUES (?, ?, ?, ?, ?)',
      ),
      retracted: db.prepare('SELECT retracts FROM facts WHERE retracts IS NOT NULL AND seq <= ?'),
      hasSubject: db.prepare(
        'SELECT 1 AS one FROM facts WHERE subject_kind = ? AND subject_id = ? AND seq <= ? LIMIT 1',
      ),
      watermark: db.prepare(
        'SELECT recorded_at FROM batches WHERE recorded_at <= ? AND stored > 0 ORDER BY recorded_at DESC LIMIT 1',
      ),
      insertRuleset: db.prepare(
        'INSERT INTO rulesets (hash, published_at, body) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING',
      ),
      listRulesets: db.prepare('SELECT body FROM rulesets ORDER BY published_at, hash'),
      getRuleset: db.prepare('SELECT body FROM rulesets WHERE hash = ?'),
      insertEvaluation: db.prepare(
        `INSERT INTO evaluations (id, kind, period, created_at, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ),
      getEvaluation: db.prepare('SELECT body FROM evaluations WHERE id = ?'),
    };
    this.appendTx = db.transaction((facts) => this.appendInTransaction(facts)).immediate;
  }

  private appendInTransaction(facts: Parameters<typeof prepareBatch>[0]): AppendResult {
    const batch = prepareBatch(facts);
    const storedTypes = new Map<string, string>();
    for (const id of retractionTargetsOutside(batch)) {
      const row = this.stmt.typeById.get(id);
      if (row) storedTypes.set(id, row.type);
    }
    assertRetractionTargets(batch, storedTypes);

    const last = this.stmt.lastBatch.get();
    const recordedAt = nextRecordedAt(this.now(), last?.recorded_at ?? null);
    const seqFrom = (last?.seq_to ?? 0) + 1;
    let seq = seqFrom;
    let duplicates = batch.repeats;
    const conflicts: string[] = [];
    const insert = this.stmt.insertFact;
    for (const f of batch.facts) {
      const r = insert.run(
        seq,
        f.id,
        f.type,
        f.subjectKind,
        f.subjectId,
        f.occurredOn,
        recordedAt,
        f.retracts,
        restJson(f.envelope),
      );
      if (r.changes === 1) {
        seq++;
        continue;
      }
      const existing = this.stmt.factById.get(f.id);
      if (existing && sameContent(JSON.stringify(rowEnvelope(existing)), JSON.stringify(f.envelope)))
        duplicates++;
      else conflicts.push(f.id);
    }
    if (conflicts.length > 0) throw new FactConflictError(conflicts); // rolls the transaction back
    const stored = seq - seqFrom;
    this.stmt.insertBatch.run(recordedAt, seqFrom, seq - 1, stored, duplicates);
    return { stored, duplicates, recordedAt };
  }

  async appendFacts(facts: Parameters<Store['appendFacts']>[0]): Promise<AppendResult> {
    return this.appendTx(facts);
  }

  /** The largest seq known at asOf (0 when nothing is). */
  private bound(asOf: string): number {
    return this.stmt.bound.get(asOf)?.seq_to ?? 0;
  }

  private factQuery(q: CheckedQuery): { stmt: Database.Statement; params: Record<string, unknown> } {
    const where = ['f.seq > @after', 'f.seq <= @bound'];
    const params: Record<string, unknown> = { after: q.after, limit: q.limit + 1 };
    let key = '';
    if (q.subject) {
      where.push('f.subject_kind = @sk', 'f.subject_id = @sid');
      params.sk = q.subject.kind;
      params.sid = q.subject.id;
      key += 's';
    }
    if (q.type !== undefined) {
      where.push('f.type = @type');
      params.type = q.type;
      key += 't';
    }
    if (q.from !== undefined) {
      where.push('f.occurred_on >= @from');
      params.from = q.from;
      key += 'f';
    }
    if (q.to !== undefined) {
      where.push('f.occurred_on <= @to');
      params.to = q.to;
      key += 'u';
    }
    if (!q.includeRetracted) {
      where.push('NOT EXISTS (SELECT 1 FROM facts r WHERE r.retracts = f.id AND r.seq <= @bound)');
      key += 'r';
    }
    let stmt = this.queries.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        `SELECT ${FACT_COLUMNS_F} FROM facts f WHERE ${where.join(' AND ')} ORDER BY f.seq LIMIT @limit`,
      );
      this.queries.set(key, stmt);
    }
    return { stmt, params };
  }

  async queryFacts(query: FactQuery): Promise<FactPage> {
    const q = checkQuery(query);
    const { stmt, params } = this.factQuery(q);
    params.bound = this.bound(q.asOf);
    const rows = stmt.all(params) as FactRow[];
    const more = rows.length > q.limit;
    if (more) rows.length = q.limit;
    const facts = rows.map(rowFact);
    const lastRow = rows[rows.length - 1];
    return { facts, next: more && lastRow ? encodeCursor(lastRow.seq) : null };
  }

  /**
   * Reads in chunks of STREAM_CHUNK by seq (a prepared statement per range shape), so that no
   * statement stays open across an `await` of the consumer (better-sqlite3 would refuse writes on
   * the connection meanwhile). The upper seq bound is fixed at the start: later appends never show.
   * `+occurred_on` keeps SQLite on the rowid (seq) order instead of re-sorting an index range per chunk.
   */
  async *streamFacts(query: { asOf: string; from?: string; to?: string }): AsyncIterable<StoredFact> {
    const r = checkRange(query);
    const where = ['seq > @after', 'seq <= @bound'];
    const params: Record<string, unknown> = { after: 0, bound: this.bound(r.asOf), limit: STREAM_CHUNK };
    let key = 'stream';
    if (r.from !== undefined) {
      where.push('+occurred_on >= @from');
      params.from = r.from;
      key += 'f';
    }
    if (r.to !== undefined) {
      where.push('+occurred_on <= @to');
      params.to = r.to;
      key += 'u';
    }
    let stmt = this.queries.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        `SELECT ${FACT_COLUMNS} FROM facts WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
      );
      this.queries.set(key, stmt);
    }
    for (;;) {
      const rows = stmt.all(params) as FactRow[];
      for (const row of rows) yield rowFact(row);
      const lastRow = rows[rows.length - 1];
      if (rows.length < STREAM_CHUNK || !lastRow) return;
      params.after = lastRow.seq;
    }
  }

  async retractedIds(asOf: string): Promise<Set<string>> {
    const bound = this.bound(normalizeInstant(asOf));
    const out = new Set<string>();
    for (const row of this.stmt.retracted.iterate(bound)) out.add(row.retracts);
    return out;
  }

  async hasSubject(subject: SubjectRef, asOf: string): Promise<boolean> {
    const s = checkSubject(subject);
    const bound = this.bound(normalizeInstant(asOf));
    return this.stmt.hasSubject.get(s.kind, s.id, bound) !== undefined;
  }

  async watermark(asOf: string): Promise<string | null> {
    return this.stmt.watermark.get(normalizeInstant(asOf))?.recorded_at ?? null;
  }

  /** Appends are synchronous transactions of this one process, so nothing is ever in flight here. */
  async settle(asOf: string): Promise<void> {
    normalizeInstant(asOf);
  }

  async putRuleset(record: RulesetRecord): Promise<boolean> {
    assertString(record.hash, 'ruleset hash');
    assertString(record.publishedAt, 'ruleset publishedAt');
    const body = JSON.stringify(record);
    return this.stmt.insertRuleset.run(record.hash, record.publishedAt, body).changes === 1;
  }

  async listRulesets(): Promise<RulesetRecord[]> {
    return this.stmt.listRulesets.all().map((r) => JSON.parse(r.body) as RulesetRecord);
  }

  async getRuleset(hash: string): Promise<RulesetRecord | null> {
    assertString(hash, 'hash');
    const row = this.stmt.getRuleset.get(hash);
    return row ? (JSON.parse(row.body) as RulesetRecord) : null;
  }

  async putEvaluation(record: EvaluationRecord): Promise<void> {
    assertString(record.id, 'evaluation id');
    assertString(record.kind, 'evaluation kind');
    assertString(record.period, 'evaluation period');
    assertString(record.createdAt, 'evaluation createdAt');
    const body = JSON.stringify(record);
    const r = this.stmt.insertEvaluation.run(record.id, record.kind, record.period, record.createdAt, body);
    if (r.changes === 1) return;
    const existing = this.stmt.getEvaluation.get(record.id);
    if (!existing || !sameContent(existing.body, body)) {
      throw new RecordConflictError(`evaluation ${record.id} is already stored with different content`);
    }
  }

  async getEvaluation(id: string): Promise<EvaluationRecord | null> {
    assertString(id, 'id');
    const row = this.stmt.getEvaluation.get(id);
    return row ? (JSON.parse(row.body) as EvaluationRecord) : null;
  }

  async listEvaluations(filter: { kind?: string; period?: string }): Promise<EvaluationRecord[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.kind !== undefined) {
      assertString(filter.kind, 'kind');
      where.push('kind = @kind');
      params.kind = filter.kind;
    }
    if (filter.period !== undefined) {
      assertString(filter.period, 'period');
      where.push('period = @period');
      params.period = filter.period;
    }
    const key = `evaluations:${where.join()}`;
    let stmt = this.queries.get(key);
    if (!stmt) {
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      stmt = this.db.prepare(`SELECT body FROM evaluations ${clause} ORDER BY created_at, id`);
      this.queries.set(key, stmt);
    }
    const rows = (where.length > 0 ? stmt.all(params) : stmt.all()) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as EvaluationRecord);
  }

  async close(): Promise<void> {
    await this.decisions.close();
    if (this.db.open) this.db.close();
  }
}
