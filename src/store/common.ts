// Helpers shared by the store adapters: argument checks (no user value may ever reach a database
// as anything but a plain string or number), the stored form of a fact, content comparison for
// idempotency, the batch clock, in-batch de-duplication, retraction checks and the page cursor.
import { canonicalJson } from '../explain/canonical.js';
import type { Fact, SubjectRef } from '../model/fact.js';
import { FactConflictError, type FactQuery, RetractionTargetError } from './port.js';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** A `cursor` that this store did not hand out (HTTP: 400). */
export class InvalidCursorError extends Error {
  readonly code = 'invalid-cursor';
  constructor() {
    super('invalid cursor');
  }
}

export function assertString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
}

/** A kind/period listing filter with each given value checked to be a plain string. */
export function kindPeriodFilter(filter: { kind?: string; period?: string }): {
  kind?: string;
  period?: string;
} {
  const f: { kind?: string; period?: string } = {};
  if (filter.kind !== undefined) {
    assertString(filter.kind, 'kind');
    f.kind = filter.kind;
  }
  if (filter.period !== undefined) {
    assertString(filter.period, 'period');
    f.period = filter.period;
  }
  return f;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: unknown, what: string): string {
  assertString(value, what);
  if (!DATE.test(value)) throw new TypeError(`${what} must be a date YYYY-MM-DD`);
  return value;
}

const MIN_INSTANT = '0000-01-01T00:00:00.000Z';
const MAX_INSTANT = '9999-12-31T23:59:59.999Z';

/**
 * An RFC 3339 instant as the stores compare it: UTC with milliseconds (`toISOString()`), so that
 * comparing strings compares instants. Sub-millisecond digits are truncated, which keeps
 * `recordedAt <= asOf` exact because recordedAt has whole milliseconds.
 */
export function normalizeInstant(value: unknown, what = 'asOf'): string {
  assertString(value, what);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`${what} must be an RFC 3339 date-time`);
  const iso = new Date(ms).toISOString();
  if (iso.startsWith('-')) return MIN_INSTANT;
  if (iso.startsWith('+')) return MAX_INSTANT;
  return iso;
}

export function checkSubject(subject: unknown, what = 'subject'): SubjectRef {
  if (typeof subject !== 'object' || subject === null) throw new TypeError(`${what} must be an object`);
  const { kind, id } = subject as Record<string, unknown>;
  assertString(kind, `${what}.kind`);
  assertString(id, `${what}.id`);
  return { kind: kind as SubjectRef['kind'], id };
}

export function checkLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new RangeError('limit must be a positive integer');
  }
  return Math.min(limit, MAX_LIMIT);
}

export interface CheckedQuery {
  asOf: string;
  subject?: SubjectRef;
  type?: string;
  from?: string;
  to?: string;
  includeRetracted: boolean;
  limit: number;
  after: number; // seq of the last fact of the previous page, 0 for the first page
}

export function checkQuery(query: FactQuery): CheckedQuery {
  const q: CheckedQuery = {
    asOf: normalizeInstant(query.asOf),
    includeRetracted: query.includeRetracted === true,
    limit: checkLimit(query.limit),
    after: decodeCursor(query.cursor),
  };
  if (query.subject !== undefined) q.subject = checkSubject(query.subject);
  if (query.type !== undefined) {
    assertString(query.type, 'type');
    q.type = query.type;
  }
  if (query.from !== undefined) q.from = checkDate(query.from, 'from');
  if (query.to !== undefined) q.to = checkDate(query.to, 'to');
  return q;
}

export function checkRange(query: { asOf: string; from?: string; to?: string }): {
  asOf: string;
  from?: string;
  to?: string;
} {
  const r: { asOf: string; from?: string; to?: string } = { asOf: normalizeInstant(query.asOf) };
  if (query.from !== undefined) r.from = checkDate(query.from, 'from');
  if (query.to !== undefined) r.to = checkDate(query.to, 'to');
  return r;
}

// ---- cursor: base64url of the last seq of the page ------------------------------------------

export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0;
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(cursor)) throw new InvalidCursorError();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^s(0|[1-9]\d{0,15})$/.exec(text);
  if (!m || encodeCursor(Number(m[1])) !== cursor) throw new InvalidCursorError();
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq)) throw new InvalidCursorError();
  return seq;
}

// ---- the stored form of a fact -------------------------------------------------------------

/** A fact ready to store: its columns, and the envelope (fixed key order) for the adapter to serialize. */
export interface PreparedFact {
  id: string;
  type: string;
  subjectKind: string;
  subjectId: string;
  occurredOn: string;
  retracts: string | null; // data.retracts of a retraction
  envelope: Fact;
  index: number; // position in the posted batch (first occurrence)
}

/** The envelope in a fixed key order; anything else on the object (e.g. recordedAt) is dropped. */
export function envelope(fact: Fact): Fact {
  const out: Fact = {
    id: fact.id,
    type: fact.type,
    subject: { kind: fact.subject.kind, id: fact.subject.id },
    occurredOn: fact.occurredOn,
  } as Fact;
  if (fact.occurredAt !== undefined) out.occurredAt = fact.occurredAt;
  if (fact.source !== undefined) out.source = fact.source;
  out.data = fact.data;
  return out;
}

/**
 * The envelope minus the fields the stores keep in columns (id, type, subject, occurredOn), as JSON
 * in the envelope's key order: {occurredAt?, source?, data}.
 */
export function restJson(e: Fact): string {
  const rest: Partial<Fact> = {};
  if (e.occurredAt !== undefined) rest.occurredAt = e.occurredAt;
  if (e.source !== undefined) rest.source = e.source;
  rest.data = e.data;
  return JSON.stringify(rest);
}

/** The envelope again, in its fixed key order, from the columns and restJson(). */
export function assembleEnvelope(
  id: string,
  type: string,
  subjectKind: string,
  subjectId: string,
  occurredOn: string,
  rest: string,
): Fact {
  const r = JSON.parse(rest) as Partial<Fact>;
  const fact = { id, type, subject: { kind: subjectKind, id: subjectId }, occurredOn } as Fact;
  if (r.occurredAt !== undefined) fact.occurredAt = r.occurredAt;
  if (r.source !== undefined) fact.source = r.source;
  fact.data = r.data as Fact['data'];
  return fact;
}

function prepareFact(fact: Fact, index: number): PreparedFact {
  if (typeof fact !== 'object' || fact === null) throw new TypeError(`fact ${index} must be an object`);
  assertString(fact.id, `fact ${index} id`);
  assertString(fact.type, `fact ${index} type`);
  const subject = checkSubject(fact.subject, `fact ${index} subject`);
  checkDate(fact.occurredOn, `fact ${index} occurredOn`);
  if (fact.occurredAt !== undefined) assertString(fact.occurredAt, `fact ${index} occurredAt`);
  if (fact.source !== undefined) assertString(fact.source, `fact ${index} source`);
  if (typeof fact.data !== 'object' || fact.data === null || Array.isArray(fact.data)) {
    throw new TypeError(`fact ${index} data must be an object`);
  }
  let retracts: string | null = null;
  if (fact.type === 'retraction') {
    const target = fact.data.retracts;
    assertString(target, `fact ${index} data.retracts`);
    retracts = target;
  }
  return {
    id: fact.id,
    type: fact.type,
    subjectKind: subject.kind,
    subjectId: subject.id,
    occurredOn: fact.occurredOn,
    retracts,
    envelope: envelope(fact),
    index,
  };
}

/** Whether two stored bodies hold the same content (key order does not matter). */
export function sameContent(bodyA: string, bodyB: string): boolean {
  return bodyA === bodyB || canonicalJson(JSON.parse(bodyA)) === canonicalJson(JSON.parse(bodyB));
}

export interface PreparedBatch {
  facts: PreparedFact[]; // distinct ids, in order of first occurrence
  byId: Map<string, PreparedFact>;
  repeats: number; // identical repeats within the batch (each one a duplicate)
}

/**
 * Checks the arguments and de-duplicates the batch: an identical repeat of an id is stored once and
 * counts as a duplicate; one id with different contents is a conflict (the HTTP layer reports it
 * as 422 before calling; this is the defensive check).
 */
export function prepareBatch(facts: Fact[]): PreparedBatch {
  if (!Array.isArray(facts)) throw new TypeError('facts must be an array');
  const byId = new Map<string, PreparedFact>();
  const out: PreparedFact[] = [];
  const conflicts: string[] = [];
  let repeats = 0;
  for (let i = 0; i < facts.length; i++) {
    const p = prepareFact(facts[i] as Fact, i);
    const seen = byId.get(p.id);
    if (seen === undefined) {
      byId.set(p.id, p);
      out.push(p);
    } else if (canonicalJson(seen.envelope) === canonicalJson(p.envelope)) {
      repeats++;
    } else if (!conflicts.includes(p.id)) {
      conflicts.push(p.id);
    }
  }
  if (conflicts.length > 0) throw new FactConflictError(conflicts);
  return { facts: out, byId, repeats };
}

/** Targets of the batch's retractions that are not in the batch itself (to look up in the store). */
export function retractionTargetsOutside(batch: PreparedBatch): string[] {
  const out = new Set<string>();
  for (const f of batch.facts) {
    if (f.retracts !== null && !batch.byId.has(f.retracts)) out.add(f.retracts);
  }
  return [...out];
}

/**
 * Checks every retraction of the batch: its target must be in the batch or already stored, and
 * must not itself be a retraction. `storedTypes` maps the stored targets (of
 * retractionTargetsOutside) to their type. Throws RetractionTargetError listing every bad one.
 */
export function assertRetractionTargets(batch: PreparedBatch, storedTypes: Map<string, string>): void {
  const problems: { index: number; id: string; message: string }[] = [];
  for (const f of batch.facts) {
    if (f.retracts === null) continue;
    const target = f.retracts;
    const type = batch.byId.get(target)?.type ?? storedTypes.get(target);
    if (type === undefined) {
      problems.push({
        index: f.index,
        id: f.id,
        message: `retraction ${f.id} retracts ${target}, which is neither stored nor in the same batch`,
      });
    } else if (type === 'retraction') {
      problems.push({
        index: f.index,
        id: f.id,
        message: `retraction ${f.id} retracts ${target}, which is itself a retraction`,
      });
    }
  }
  if (problems.length > 0) throw new RetractionTargetError(problems);
}

/** A ruleset or evaluation key already stored with different content (nothing is overwritten). */
export class RecordConflictError extends Error {
  readonly code = 'record-conflict';
}

// ---- recordedAt ----------------------------------------------------------------------------

/** The batch's recordedAt: now, or 1 ms after the last batch when the clock has not advanced. */
export function nextRecordedAt(now: Date, last: string | null): string {
  let ms = now.getTime();
  if (Number.isNaN(ms)) throw new TypeError('the clock returned an invalid date');
  if (last !== null) {
    const lastMs = Date.parse(last);
    if (ms <= lastMs) ms = lastMs + 1;
  }
  return new Date(ms).toISOString();
}
