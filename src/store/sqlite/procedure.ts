// Rounds and decisions in SQLite: two insert-only tables; (round, seq) is the primary key, so a
// concurrent step on the same round state fails to insert (INSERT OR IGNORE → changes 0).
import type Database from 'better-sqlite3';
import { assertString } from '../common.js';
import {
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
  dayEnd,
  decisionCursor,
  type RoundEventRecord,
  type RoundStore,
} from '../procedure-port.js';
import { type DecisionRow, type DecisionWriter, INSERT_DECISION } from './decision-writer.js';

export const PROCEDURE_SCHEMA = `
CREATE TABLE IF NOT EXISTS round_events (
  round TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  at TEXT NOT NULL,
  publication TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY (round, seq)
);
CREATE INDEX IF NOT EXISTS round_events_kind ON round_events (kind, period, round, seq);
CREATE UNIQUE INDEX IF NOT EXISTS round_events_publication ON round_events (publication)
  WHERE publication IS NOT NULL;
CREATE TABLE IF NOT EXISTS decisions (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_subject ON decisions (subject, id);
`;

const rowEvent = (r: { body: string }) => JSON.parse(r.body) as RoundEventRecord;

export class SqliteRounds implements RoundStore {
  constructor(private readonly db: Database.Database) {}

  async append(event: RoundEventRecord): Promise<boolean> {
    assertString(event.round, 'round');
    assertString(event.kind, 'kind');
    assertString(event.period, 'period');
    const r = this.db
      .prepare(
        'INSERT OR IGNORE INTO round_events (round, seq, kind, period, at, publication, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        event.round,
        event.seq,
        event.kind,
        event.period,
        event.at,
        event.publication ?? null,
        JSON.stringify(event),
      );
    return r.changes === 1;
  }

  async events(round: string): Promise<RoundEventRecord[]> {
    assertString(round, 'round');
    const rows = this.db.prepare('SELECT body FROM round_events WHERE round = ? ORDER BY seq').all(round);
    return (rows as { body: string }[]).map(rowEvent);
  }

  async list(filter: { kind?: string; period?: string }): Promise<RoundEventRecord[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const key of ['kind', 'period'] as const) {
      const value = filter[key];
      if (value === undefined) continue;
      assertString(value, key);
      where.push(`${key} = ?`);
      params.push(value);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT body FROM round_events ${clause} ORDER BY round, seq`)
      .all(...params);
    return (rows as { body: string }[]).map(rowEvent);
  }

  async publication(id: string): Promise<RoundEventRecord | null> {
    assertString(id, 'publication');
    const row = this.db.prepare('SELECT body FROM round_events WHERE publication = ?').get(id);
    return row ? rowEvent(row as { body: string }) : null;
  }

  async publications(): Promise<RoundEventRecord[]> {
    const rows = this.db
      .prepare('SELECT body FROM round_events WHERE publication IS NOT NULL ORDER BY at, publication')
      .all();
    return (rows as { body: string }[]).map(rowEvent);
  }
}

const decisionRow = (r: DecisionRecord): DecisionRow => [r.id, r.at, r.subject ?? null, JSON.stringify(r)];

export class SqliteDecisions implements DecisionStore {
  /** `writer`: the worker that commits for a file database (none for ':memory:', written here). */
  constructor(
    private readonly db: Database.Database,
    private readonly writer: DecisionWriter | null = null,
  ) {}

  async append(records: DecisionRecord[]): Promise<void> {
    const rows = records.map(decisionRow);
    if (this.writer) return this.writer.append(rows);
    const insert = this.db.prepare(INSERT_DECISION);
    this.db.transaction(() => {
      for (const r of rows) insert.run(...r);
    })();
  }

  /** Waits for the writes in flight and stops the writer. */
  async close(): Promise<void> {
    await this.writer?.close();
  }

  async query(q: DecisionQuery): Promise<{ decisions: DecisionRecord[]; next: string | null }> {
    const where: string[] = [];
    const params: string[] = [];
    if (q.subject !== undefined) {
      assertString(q.subject, 'subject');
      where.push('subject = ?');
      params.push(q.subject);
    }
    if (q.from !== undefined) {
      where.push('at >= ?');
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('at < ?');
      params.push(dayEnd(q.to));
    }
    if (q.cursor) {
      where.push('id > ?');
      params.push(decisionCursor.decode(q.cursor));
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT body FROM decisions ${clause} ORDER BY id LIMIT ?`)
      .all(...params, q.limit + 1) as { body: string }[];
    const decisions = rows.slice(0, q.limit).map((r) => JSON.parse(r.body) as DecisionRecord);
    const last = decisions[decisions.length - 1];
    return { decisions, next: rows.length > q.limit && last ? decisionCursor.encode(last.id) : null };
  }
}
