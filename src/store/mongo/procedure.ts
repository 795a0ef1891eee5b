// Rounds and decisions in MongoDB (and FerretDB v1): insert-only documents whose _id carries the
// uniqueness — `<round>#<seq>` for a step, so of two concurrent steps on one round state the
// second insert fails with a duplicate key, whichever process sent it; reads use _id ranges.
import type { Collection, Db, Filter } from 'mongodb';
import { assertString, kindPeriodFilter } from '../common.js';
import {
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
  dayEnd,
  decisionCursor,
  type RoundEventRecord,
  type RoundStore,
} from '../procedure-port.js';
import { isDuplicateKey } from './duplicate-keys.js';
import type { WritePacer } from './write-pacer.js';

interface RoundEventDoc {
  _id: string;
  round: string;
  kind: string;
  period: string;
  at: string;
  publication: string | null;
  doc: string;
}
interface DecisionDoc {
  _id: string;
  at: string;
  subject: string | null;
  doc: string;
}

const eventId = (round: string, seq: number) => `${round}#${String(seq).padStart(6, '0')}`;
const docEvent = (d: { doc: string }) => JSON.parse(d.doc) as RoundEventRecord;

export class MongoRounds implements RoundStore {
  private readonly events_: Collection<RoundEventDoc>;
  constructor(db: Db) {
    this.events_ = db.collection<RoundEventDoc>('round_events');
  }

  async append(event: RoundEventRecord): Promise<boolean> {
    assertString(event.round, 'round');
    assertString(event.kind, 'kind');
    assertString(event.period, 'period');
    try {
      await this.events_.insertOne({
        _id: eventId(event.round, event.seq),
        round: event.round,
        kind: event.kind,
        period: event.period,
        at: event.at,
        publication: event.publication ?? null,
        doc: JSON.stringify(event),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async events(round: string): Promise<RoundEventRecord[]> {
    assertString(round, 'round');
    const docs = await this.events_
      .find({ _id: { $gte: `${round}#`, $lt: `${round}#~` } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map(docEvent);
  }

  async list(filter: { kind?: string; period?: string }): Promise<RoundEventRecord[]> {
    const f: Filter<RoundEventDoc> = kindPeriodFilter(filter);
    const docs = await this.events_.find(f).sort({ _id: 1 }).toArray();
    return docs.map(docEvent);
  }

  async publication(id: string): Promise<RoundEventRecord | null> {
    assertString(id, 'publication');
    const d = await this.events_.findOne({ publication: id });
    return d ? docEvent(d) : null;
  }

  async publications(): Promise<RoundEventRecord[]> {
    const docs = await this.events_
      .find({ publication: { $type: 'string' } })
      .sort({ at: 1, publication: 1 })
      .toArray();
    return docs.map(docEvent);
  }
}

export class MongoDecisions implements DecisionStore {
  private readonly decisions: Collection<DecisionDoc>;
  constructor(
    db: Db,
    private readonly pacer: Pick<WritePacer, 'track'> | null = null,
  ) {
    this.decisions = db.collection<DecisionDoc>('decisions');
  }

  async append(records: DecisionRecord[]): Promise<void> {
    if (records.length === 0) return;
    // insertMany, not the bare insert command (which costs the driver less CPU): on a replica set
    // the driver retries it once across a failover, so an election does not fail the group.
    const write = this.decisions.insertMany(
      records.map((r) => ({ _id: r.id, at: r.at, subject: r.subject ?? null, doc: JSON.stringify(r) })),
      { ordered: true },
    );
    await (this.pacer ? this.pacer.track(write) : write);
  }

  async query(q: DecisionQuery): Promise<{ decisions: DecisionRecord[]; next: string | null }> {
    const f: Filter<DecisionDoc> = {};
    if (q.subject !== undefined) {
      assertString(q.subject, 'subject');
      f.subject = q.subject;
    }
    const at: { $gte?: string; $lt?: string } = {};
    if (q.from !== undefined) at.$gte = q.from;
    if (q.to !== undefined) at.$lt = dayEnd(q.to);
    if (q.from !== undefined || q.to !== undefined) f.at = at;
    if (q.cursor) f._id = { $gt: decisionCursor.decode(q.cursor) };
    const docs = await this.decisions
      .find(f)
      .sort({ _id: 1 })
      .limit(q.limit + 1)
      .toArray();
    const decisions = docs.slice(0, q.limit).map((d) => JSON.parse(d.doc) as DecisionRecord);
    const last = decisions[decisions.length - 1];
    return { decisions, next: docs.length > q.limit && last ? decisionCursor.encode(last.id) : null };
  }
}
