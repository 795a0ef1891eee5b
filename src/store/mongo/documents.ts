// The stored form of the MongoDB adapter: collection names, document shapes, secondary indexes, and
// the conversion of fact documents back to facts. Queryable fields are short (t, s, on, rx); the
// rest of the envelope is kept as JSON so that a fact reads back exactly as posted.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Fact, StoredFact } from '../../model/fact.js';
import { assembleEnvelope, type PreparedFact, restJson } from '../common.js';

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

/**
 * Batch numbers as _id are zero-padded decimal strings (batchKey): string order is number order,
 * and FerretDB v1 answers a find by a string _id from its primary key (by a number it scans).
 */
export const BATCH_KEY_DIGITS = 12;

export function batchKey(n: number): string {
  return String(n).padStart(BATCH_KEY_DIGITS, '0');
}

export interface ReservationDoc {
  _id: string; // batchKey(n)
  n: number;
  rt: string;
  seqFrom: number;
  count: number;
  owner: string;
  at: Date;
}

export interface BatchDoc {
  _id: string; // batchKey(n) of its reservation
  n: number;
  state: 'committed' | 'aborted';
  rt: string;
  residue: boolean;
  stored?: number;
  duplicates?: number;
  at: Date;
}

export interface RulesetDoc {
  _id: string;
  publishedAt: string;
  doc: string;
}

export interface EvaluationDoc {
  _id: string;
  kind: string;
  period: string;
  createdAt: string;
  doc: string;
}

/** The adapter's collections, typed by their documents. */
export interface MongoCollections {
  facts: Collection<FactDoc>;
  reservations: Collection<ReservationDoc>;
  batches: Collection<BatchDoc>;
  rulesets: Collection<RulesetDoc>;
  evaluations: Collection<EvaluationDoc>;
}

export function mongoCollections(db: Db): MongoCollections {
  return {
    facts: db.collection<FactDoc>(MONGO_COLLECTIONS.facts),
    reservations: db.collection<ReservationDoc>(MONGO_COLLECTIONS.reservations),
    batches: db.collection<BatchDoc>(MONGO_COLLECTIONS.batches),
    rulesets: db.collection<RulesetDoc>(MONGO_COLLECTIONS.rulesets),
    evaluations: db.collection<EvaluationDoc>(MONGO_COLLECTIONS.evaluations),
  };
}

/** The secondary indexes, as (collection, index) pairs in creation order. */
export const MONGO_INDEXES: [string, IndexDescription][] = [
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

/** The fields a read needs to rebuild a stored fact. */
export const FACT_PROJECTION = { _id: 1, t: 1, s: 1, on: 1, rt: 1, seq: 1, rest: 1 } as const;

/** The document of the batch's `index`-th fact, written with the reservation's rt and seq range. */
export function factDoc(f: PreparedFact, reservation: ReservationDoc, index: number): FactDoc {
  const d: FactDoc = {
    _id: f.id,
    rt: reservation.rt,
    seq: reservation.seqFrom + index,
    t: f.type,
    s: `${f.subjectKind}:${f.subjectId}`,
    on: f.occurredOn,
    rest: restJson(f.envelope),
  };
  if (f.retracts !== null) d.rx = f.retracts;
  return d;
}

export function docEnvelope(d: Pick<FactDoc, '_id' | 't' | 's' | 'on' | 'rest'>): Fact {
  const colon = d.s.indexOf(':');
  return assembleEnvelope(d._id, d.t, d.s.slice(0, colon), d.s.slice(colon + 1), d.on, d.rest);
}

export function docFact(d: FactDoc): StoredFact {
  const fact = docEnvelope(d) as StoredFact;
  fact.recordedAt = d.rt;
  fact.seq = d.seq;
  return fact;
}
