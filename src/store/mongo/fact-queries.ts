// Reading facts as known at an instant: only committed batches up to the watermark W, minus the
// batches aborted with residue (READERS in append.ts; the view of them is committed-view.ts), so a
// half-written batch is never seen.
import type { Filter } from 'mongodb';
import type { StoredFact, SubjectRef } from '../../model/fact.js';
import { checkQuery, checkRange, checkSubject, encodeCursor, normalizeInstant } from '../common.js';
import type { FactPage, FactQuery } from '../port.js';
import type { CommittedView } from './committed-view.js';
import { docFact, FACT_PROJECTION, type FactDoc, type MongoCollections } from './documents.js';

const STREAM_CHUNK = 2000;

type FactCollections = Pick<MongoCollections, 'facts'>;

async function retracted(c: FactCollections, known: Filter<FactDoc>): Promise<Set<string>> {
  const out = new Set<string>();
  const cursor = c.facts.find({ ...known, t: 'retraction' }, { projection: { rx: 1 } });
  for await (const d of cursor) if (typeof d.rx === 'string') out.add(d.rx);
  return out;
}

export async function queryFacts(
  c: FactCollections,
  view: CommittedView,
  query: FactQuery,
): Promise<FactPage> {
  const q = checkQuery(query);
  const known = await view.known(q.asOf);
  if (!known) return { facts: [], next: null };
  const filter: Filter<FactDoc> = { ...known, seq: { $gt: q.after } };
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
    const ids = await retracted(c, known);
    if (ids.size > 0) filter._id = { $nin: [...ids] };
  }
  const docs = await c.facts
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

export async function* streamFacts(
  c: FactCollections,
  view: CommittedView,
  query: { asOf: string; from?: string; to?: string },
): AsyncGenerator<StoredFact> {
  const r = checkRange(query);
  const known = await view.known(r.asOf);
  if (!known) return;
  const filter: Filter<FactDoc> = { ...known };
  if (r.from !== undefined || r.to !== undefined) {
    const on: { $gte?: string; $lte?: string } = {};
    if (r.from !== undefined) on.$gte = r.from;
    if (r.to !== undefined) on.$lte = r.to;
    filter.on = on;
  }
  const cursor = c.facts
    .find(filter, { projection: FACT_PROJECTION })
    .sort({ seq: 1 })
    .batchSize(STREAM_CHUNK);
  try {
    for await (const d of cursor) yield docFact(d as FactDoc);
  } finally {
    await cursor.close();
  }
}

export async function retractedIds(
  c: FactCollections,
  view: CommittedView,
  asOf: string,
): Promise<Set<string>> {
  const known = await view.known(normalizeInstant(asOf));
  return known ? retracted(c, known) : new Set();
}

export async function hasSubject(
  c: FactCollections,
  view: CommittedView,
  subject: SubjectRef,
  asOf: string,
): Promise<boolean> {
  const s = checkSubject(subject);
  const known = await view.known(normalizeInstant(asOf));
  if (!known) return false;
  const doc = await c.facts.findOne({ ...known, s: `${s.kind}:${s.id}` }, { projection: { _id: 1 } });
  return doc !== null;
}
