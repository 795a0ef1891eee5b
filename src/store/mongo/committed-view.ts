// What readers know of the batch outcomes (READERS in append.ts), kept per process. Before each read
// it catches up by reading outcomes by key from the last one seen until one is missing: one count by
// _id when nothing was committed since (FerretDB v1 answers it from its primary key), plus one find
// per new batch. Concurrent reads share a catch-up that started after they arrived (fresh-read.ts), so a
// read sees every batch acknowledged before it began, in any process, at a cost that does not grow
// with the load; a catch-up due while a decision insert is in flight waits for it (write-pacer.ts).
import type { Filter } from 'mongodb';
import { type BatchDoc, batchKey, type FactDoc, type MongoCollections } from './documents.js';
import { FreshRead } from './fresh-read.js';
import type { WritePacer } from './write-pacer.js';

const READ_AHEAD = 16;
const PAST_LIMIT = 1000;

type Outcome = Pick<BatchDoc, 'n' | 'state' | 'rt' | 'residue' | 'stored'>;
const OUTCOME_PROJECTION = { n: 1, state: 1, rt: 1, residue: 1, stored: 1 } as const;

export class CommittedView {
  /** Every batch n <= top has an outcome, and all of them have been read. */
  private top = 0;
  /** rt of the latest committed batch (n <= top) that stored at least one fact. */
  private latestStored: string | null = null;
  /** rt of the batches (n <= top) aborted with residue: facts of theirs may remain. */
  private readonly residue: string[] = [];
  /** Watermarks of instants before latestStored: final, since every batch before it has an outcome. */
  private readonly past = new Map<string, string | null>();
  private readonly walks: FreshRead;

  /**
   * @param probe whether an outcome with this key exists: a count costs FerretDB about a third less
   *   than a find, and a catch-up under load almost always finds nothing new.
   */
  constructor(
    private readonly collections: Pick<MongoCollections, 'batches'>,
    pacer: Pick<WritePacer, 'turn'> | null = null,
    private readonly probe: ((key: string) => Promise<boolean>) | null = null,
  ) {
    this.walks = new FreshRead(() => this.walk(), pacer ? () => pacer.turn() : undefined);
  }

  /** Reads every outcome once (at start); later catch-ups read only new ones. */
  async load(): Promise<void> {
    const docs = await this.collections.batches.find({}, { projection: OUTCOME_PROJECTION }).toArray();
    docs.sort((a, b) => a.n - b.n);
    for (const d of docs) if (!this.take(d)) break;
  }

  /** The latest recordedAt <= asOf of a committed batch that stored facts (Store.watermark). */
  async watermark(asOf: string): Promise<string | null> {
    await this.catchUp();
    if (this.latestStored === null || this.latestStored <= asOf) return this.latestStored;
    return this.pastWatermark(asOf);
  }

  /** The filter of facts known at asOf, or null when none is. */
  async known(asOf: string): Promise<Filter<FactDoc> | null> {
    const w = await this.watermark(asOf);
    if (w === null) return null;
    const residue = this.residue.filter((rt) => rt <= w);
    return { rt: residue.length > 0 ? { $lte: w, $nin: residue } : { $lte: w } };
  }

  /** Applies the outcome of batch top + 1; false when `d` is not that batch. */
  private take(d: Outcome): boolean {
    if (d.n !== this.top + 1) return false;
    this.top = d.n;
    if (d.state === 'committed') {
      if ((d.stored ?? 1) > 0) this.latestStored = d.rt;
    } else if (d.residue) this.residue.push(d.rt);
    return true;
  }

  private async walk(): Promise<void> {
    if (this.probe && !(await this.probe(batchKey(this.top + 1)))) return;
    for (let ahead = 1; ; ahead = READ_AHEAD) {
      const keys = Array.from({ length: ahead }, (_, i) => batchKey(this.top + 1 + i));
      const docs = await Promise.all(
        keys.map((_id) => this.collections.batches.findOne({ _id }, { projection: OUTCOME_PROJECTION })),
      );
      for (const d of docs) if (!d || !this.take(d)) return;
    }
  }

  /** Resolves after a walk that started after this call has finished. */
  private catchUp(): Promise<void> {
    return this.walks.fresh();
  }

  private async pastWatermark(asOf: string): Promise<string | null> {
    if (this.past.has(asOf)) return this.past.get(asOf) ?? null;
    const top = await this.collections.batches
      .find({ state: 'committed', stored: { $gt: 0 }, rt: { $lte: asOf } }, { projection: { rt: 1 } })
      .sort({ rt: -1 })
      .limit(1)
      .next();
    if (this.past.size >= PAST_LIMIT) this.past.clear();
    this.past.set(asOf, top?.rt ?? null);
    return top?.rt ?? null;
  }
}
