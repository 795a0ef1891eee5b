// Facts in and out: the body of POST /v1/facts (one fact or a batch), validation against the fact
// contract (nothing is stored unless every fact is valid), the store's verdict on ids and
// retraction targets, and the asOf query of what was known.
import type { Fact, StoredFact, SubjectRef } from '../model/fact.js';
import { type VocabularyOn, validateFactBatch } from '../schemas/registry.js';
import { InvalidCursorError } from '../store/common.js';
import { FactConflictError, RetractionTargetError, type Store } from '../store/port.js';
import { invalid, ServiceError, unprocessable } from './errors.js';
import { isObject, show } from './input.js';

export const MAX_BATCH = 10_000;

export interface FactDetail {
  index: number;
  id: string | null;
  path: string;
  message: string;
}

/** The facts of a body: `{"facts": [...]}` or one fact. */
export function factsOfBody(body: unknown, what = 'the body'): unknown[] {
  if (!isObject(body)) {
    throw invalid(
      'invalid-body',
      `${what} must be one fact (an object) or {"facts": [...]} (got ${show(body)})`,
    );
  }
  if (!('facts' in body)) return [body];
  const extra = Object.keys(body).filter((k) => k !== 'facts');
  if (extra.length > 0) {
    throw invalid(
      'invalid-body',
      `a batch is {"facts": [...]} and nothing else (unknown: ${extra.join(', ')})`,
    );
  }
  return checkFactList(body.facts, 'facts');
}

export function checkFactList(value: unknown, what: string, allowEmpty = false): unknown[] {
  if (!Array.isArray(value))
    throw invalid('invalid-body', `${what} must be an array of facts (got ${show(value)})`);
  if (value.length === 0 && !allowEmpty)
    throw invalid('invalid-body', `${what} is empty: post at least one fact`);
  if (value.length > MAX_BATCH) {
    throw invalid('batch-too-large', `${what} holds ${value.length} facts; at most ${MAX_BATCH} per request`);
  }
  return value;
}

/**
 * Every fact valid (finding codes: those of the rule set in force on its date), or a 422 with one
 * detail per problem (index, id, JSON pointer, message).
 */
export function checkFacts(values: unknown[], vocabulary: VocabularyOn): Fact[] {
  const problems = validateFactBatch(values, vocabulary);
  if (problems.length > 0) {
    const bad = new Set(problems.map((p) => p.index)).size;
    const details: FactDetail[] = problems.map((p) => ({
      index: p.index,
      id: p.id,
      path: p.path,
      message: p.message,
    }));
    throw unprocessable(
      'invalid-facts',
      `${bad} of ${values.length} fact${values.length === 1 ? ' is' : 's are'} invalid; nothing was stored`,
      details,
    );
  }
  return values as Fact[];
}

export async function appendFacts(store: Store, facts: Fact[]) {
  try {
    const { stored, duplicates, recordedAt } = await store.appendFacts(facts);
    return { stored, duplicates, recordedAt };
  } catch (error) {
    if (error instanceof FactConflictError) {
      throw new ServiceError(
        'conflict',
        'fact-conflict',
        `${error.ids.length === 1 ? 'a fact id is' : 'fact ids are'} already stored with different content: ${error.ids.join(', ')}; nothing was stored (post a correction as a new fact or a retraction)`,
        error.ids.map((id) => ({ id, message: `id ${id} is already stored with different content` })),
      );
    }
    if (error instanceof RetractionTargetError) {
      throw unprocessable(
        'retraction-target',
        `${error.message}; nothing was stored`,
        error.problems.map((p) => ({ index: p.index, id: p.id, path: '/data/retracts', message: p.message })),
      );
    }
    throw error;
  }
}

export interface FactQueryInput {
  subject?: SubjectRef;
  type?: string;
  from?: string;
  to?: string;
  asOf: string;
  includeRetracted?: boolean;
  limit?: number;
  cursor?: string;
}

export async function queryFacts(store: Store, query: FactQueryInput) {
  try {
    const page = await store.queryFacts(query);
    // seq orders the store internally; the contract shows each fact with its recordedAt only.
    const facts = page.facts.map(({ seq: _seq, ...fact }: StoredFact) => fact);
    return { facts, next: page.next };
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw invalid(
        'invalid-parameter',
        'cursor: not a cursor this service handed out (use "next" of a page)',
        [{ parameter: 'cursor', message: 'invalid cursor' }],
      );
    }
    throw error;
  }
}
