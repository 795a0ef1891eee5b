// The storage port. Both adapters (SQLite, MongoDB) implement it; one contract suite
// (test/store/contract.ts) runs against each. Nothing here is ever updated or deleted in place.
import type { Fact, StoredFact, SubjectRef } from '../model/fact.js';
import type { DecisionStore, RoundStore } from './procedure-port.js';

export type {
  DecisionQuery,
  DecisionRecord,
  DecisionStore,
  RoundEventRecord,
  RoundStore,
} from './procedure-port.js';

export interface AppendResult {
  stored: number;
  duplicates: number;
  recordedAt: string;
}

/** An id already stored with different content. Nothing of the batch was stored. */
export class FactConflictError extends Error {
  readonly code = 'fact-conflict';
  constructor(readonly ids: string[]) {
    super(`fact id already stored with different content: ${ids.join(', ')}`);
  }
}

/** A retraction whose target is neither stored nor in the same batch, or is itself a retraction. */
export class RetractionTargetError extends Error {
  readonly code = 'retraction-target';
  constructor(readonly problems: { index: number; id: string; message: string }[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

export interface FactQuery {
  subject?: SubjectRef;
  type?: string;
  from?: string; // occurredOn >= from (YYYY-MM-DD)
  to?: string; // occurredOn <= to
  asOf: string; // RFC 3339; recordedAt <= asOf
  includeRetracted?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface FactPage {
  facts: StoredFact[];
  next: string | null;
}

export interface RulesetRecord {
  version: string;
  hash: string;
  effective: { from: string; to?: string };
  publishedAt: string;
  /** The rule set's source files (relative path → text), as published. */
  files: Record<string, string>;
  /**
   * Everything the version defines, as loaded when it was published (rules/published.ts): it is
   * rebuilt from this, never re-checked against a later release's schemas. Absent in versions
   * published before it was kept; those are reloaded from their files.
   */
  definition?: Record<string, unknown>;
}

export interface EvaluationRecord {
  id: string;
  kind: string;
  period: string;
  asOf: string;
  ruleset: { version: string; hash: string };
  factsDigest: string;
  results: unknown[];
  createdAt: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  /**
   * Appends a batch atomically for readers: either every new fact becomes visible at once (all with
   * one recordedAt, later than any before) or none does. Identical re-posts count as duplicates.
   * Throws FactConflictError / RetractionTargetError and stores nothing.
   */
  appendFacts(facts: Fact[]): Promise<AppendResult>;
  /** Facts known at asOf, in a stable order (recordedAt, seq, id); paged by an opaque cursor. */
  queryFacts(query: FactQuery): Promise<FactPage>;
  /** Every fact known at asOf with occurredOn in [from, to] (both optional), retracted ones included. */
  streamFacts(query: { asOf: string; from?: string; to?: string }): AsyncIterable<StoredFact>;
  /** Ids of facts retracted by retractions known at asOf. */
  retractedIds(asOf: string): Promise<Set<string>>;
  /** Whether any fact (staff subject) with this subject id is known at asOf. */
  hasSubject(subject: SubjectRef, asOf: string): Promise<boolean>;
  /**
   * The recordedAt of the last batch known at asOf that stored at least one fact, or null when none
   * did: the facts known at asOf are exactly those known at the watermark, so it keys caches.
   */
  watermark(asOf: string): Promise<string | null>;
  /**
   * Makes the facts known at asOf (<= now) final before a result over them is recorded: waits for
   * every batch that may get a recordedAt <= asOf to settle, and makes later batches get a later
   * one, even when other processes append to the same store.
   */
  settle(asOf: string): Promise<void>;

  putRuleset(record: RulesetRecord): Promise<boolean>; // false when the hash was already stored
  listRulesets(): Promise<RulesetRecord[]>; // by publishedAt
  getRuleset(hash: string): Promise<RulesetRecord | null>;

  putEvaluation(record: EvaluationRecord): Promise<void>;
  getEvaluation(id: string): Promise<EvaluationRecord | null>;
  listEvaluations(filter: { kind?: string; period?: string }): Promise<EvaluationRecord[]>;

  /** Assessment rounds, step by step (the procedure of A8.3). */
  readonly rounds: RoundStore;
  /** The log of every verdict answered. */
  readonly decisions: DecisionStore;

  close(): Promise<void>;
}
