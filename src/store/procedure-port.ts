// The procedure's part of the storage port: the steps of assessment rounds and the decision log.
// Both are insert-only. A round is the list of its step events; (round, seq) is unique, so of two
// steps taken at once on the same round state exactly one is stored, whichever process took it.
export interface RoundEventRecord {
  round: string;
  /** 0 for the proposal that opens the round, then 1, 2, … one per step. */
  seq: number;
  kind: string;
  period: string;
  at: string;
  /** The publication id, on a publish step. */
  publication?: string;
  /** The step as the service records it (step, by, evaluation, note, status, …). */
  step: Record<string, unknown>;
}

export interface DecisionRecord {
  /** Time-ordered id: lists are by id. */
  id: string;
  at: string;
  /** "staff:S007" when the question named a subject. */
  subject?: string;
  [field: string]: unknown;
}

export interface DecisionQuery {
  subject?: string;
  from?: string; // YYYY-MM-DD, `at` on or after that (UTC) day
  to?: string; // YYYY-MM-DD, `at` on or before that day
  limit: number;
  cursor?: string | null;
}

export interface RoundStore {
  /** Stores a step; false (nothing stored) when the round already has a step with this seq. */
  append(event: RoundEventRecord): Promise<boolean>;
  /** The steps of one round, by seq. */
  events(round: string): Promise<RoundEventRecord[]>;
  /** The steps of every round of a kind and/or period, by round then seq. */
  list(filter: { kind?: string; period?: string }): Promise<RoundEventRecord[]>;
  /** The publish step of a publication, if stored. */
  publication(id: string): Promise<RoundEventRecord | null>;
  /** Every publish step, by `at` then publication id. */
  publications(): Promise<RoundEventRecord[]>;
}

export interface DecisionStore {
  append(records: DecisionRecord[]): Promise<void>;
  /** Decisions by id (oldest first), at most `limit`; `next` continues after the last. */
  query(query: DecisionQuery): Promise<{ decisions: DecisionRecord[]; next: string | null }>;
}

/** The page cursor of a decision list: the last id, opaque to clients. */
export const decisionCursor = {
  encode: (id: string) => Buffer.from(id, 'utf8').toString('base64url'),
  decode: (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8'),
};

/** The exclusive upper bound of `at` for a `to` date: every instant of that day sorts below it. */
export const dayEnd = (to: string) => `${to}U`;
