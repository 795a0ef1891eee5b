// The readers' catch-up on MongoDB is shared among concurrent requests (fresh-read.ts) and paced by
// the decision-log inserts (write-pacer.ts). Sharing must never hand a request a read that began
// before it arrived: that read can miss a batch another instance acknowledged in between.
import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { CommittedView } from '../../src/store/mongo/committed-view.js';
import { type BatchDoc, batchKey } from '../../src/store/mongo/documents.js';
import { FreshRead } from '../../src/store/mongo/fresh-read.js';
import { WritePacer } from '../../src/store/mongo/write-pacer.js';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const ticks = async (n = 10) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/** A read whose runs are started and finished by the test; `clock` orders calls and starts. */
function scriptedRead() {
  let clock = 0;
  const runs: { startedAt: number; done: Deferred }[] = [];
  const read = () => {
    const done = deferred();
    runs.push({ startedAt: ++clock, done });
    return done.promise;
  };
  return { runs, read, now: () => ++clock };
}

describe('FreshRead', () => {
  it('serves every caller with a read that started after it called, one read at a time', async () => {
    const s = scriptedRead();
    const fresh = new FreshRead(s.read);
    const first = fresh.fresh();
    await ticks();
    expect(s.runs).toHaveLength(1);
    const joinersCalledAt = s.now();
    const joiners = Promise.all([fresh.fresh(), fresh.fresh(), fresh.fresh()]);
    let joinersDone = false;
    void joiners.then(() => {
      joinersDone = true;
    });
    await ticks();
    expect(s.runs).toHaveLength(1); // no second read while the first runs
    s.runs[0]?.done.resolve();
    await first;
    await ticks();
    expect(joinersDone).toBe(false); // the first read began before they called: not theirs
    expect(s.runs).toHaveLength(2); // one read shared by all three
    expect(s.runs[0]?.startedAt).toBeLessThan(joinersCalledAt);
    expect(s.runs[1]?.startedAt).toBeGreaterThan(joinersCalledAt);
    s.runs[1]?.done.resolve();
    await joiners;
  });

  it('lets callers join a read held back by the gate, which starts after all of them', async () => {
    const s = scriptedRead();
    const gate = deferred();
    const fresh = new FreshRead(s.read, () => gate.promise);
    const a = fresh.fresh();
    await ticks();
    const bCalledAt = s.now();
    const b = fresh.fresh();
    await ticks();
    expect(s.runs).toHaveLength(0);
    gate.resolve();
    await ticks();
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]?.startedAt).toBeGreaterThan(bCalledAt);
    s.runs[0]?.done.resolve();
    await Promise.all([a, b]);
  });

  it('gives a failed read to its own callers only; the next caller gets a new read', async () => {
    const s = scriptedRead();
    const fresh = new FreshRead(s.read);
    const a = fresh.fresh();
    await ticks();
    const b = fresh.fresh();
    s.runs[0]?.done.reject(new Error('connection reset'));
    await expect(a).rejects.toThrow('connection reset');
    await ticks();
    expect(s.runs).toHaveLength(2);
    s.runs[1]?.done.resolve();
    await expect(b).resolves.toBeUndefined();
  });
});

describe('WritePacer', () => {
  it('waits for the write in flight when asked, not for writes started later', async () => {
    const pacer = new WritePacer();
    const w1 = deferred();
    void pacer.track(w1.promise);
    let turned = false;
    void pacer.turn().then(() => {
      turned = true;
    });
    const w2 = deferred();
    void pacer.track(w2.promise); // started after the turn was asked for
    await ticks();
    expect(turned).toBe(false);
    w1.resolve();
    await ticks();
    expect(turned).toBe(true);
    w2.reject(new Error('lost')); // a failed write ends its turn too
    await expect(pacer.track(Promise.reject(new Error('x')))).rejects.toThrow('x');
    await ticks();
    await expect(pacer.turn()).resolves.toBeUndefined();
  });
});

/** A batches collection whose finds read the documents as they are when the find is sent. */
function scriptedBatches() {
  const docs = new Map<string, BatchDoc>();
  const replies: { reply: BatchDoc | null; go: Deferred }[] = [];
  const batches = {
    findOne(filter: { _id: string }) {
      const reply = docs.get(filter._id) ?? null;
      const go = deferred();
      replies.push({ reply, go });
      return go.promise.then(() => reply);
    },
  };
  /** The count probe: answers whether the key existed when it was sent. */
  const probe = (key: string) => {
    const reply = docs.has(key);
    const go = deferred();
    replies.push({ reply: null, go });
    return go.promise.then(() => reply);
  };
  const commit = (n: number, rt: string) =>
    docs.set(batchKey(n), {
      _id: batchKey(n),
      n,
      state: 'committed',
      rt,
      residue: false,
      stored: 1,
      at: new Date(0),
    });
  const answerAll = async () => {
    for (let i = 0; i < 20; i++) {
      for (const r of replies.splice(0)) r.go.resolve();
      await ticks();
    }
  };
  return { batches: batches as unknown as Collection<BatchDoc>, probe, commit, replies, answerAll };
}

describe.each([
  ['finds', false],
  ['a count probe, then finds', true],
])('CommittedView (read-after-write across processes), catching up with %s', (_, probing) => {
  it('answers a request that arrives after another process committed with that batch, even while an older catch-up is under way', async () => {
    const b = scriptedBatches();
    const pacer = new WritePacer();
    const view = new CommittedView({ batches: b.batches }, pacer, probing ? b.probe : null);
    const early = view.watermark('2030-01-01T00:00:00.000Z');
    await ticks();
    expect(b.replies).toHaveLength(1); // its catch-up has read "no batch 1"
    b.commit(1, '2026-01-01T00:00:00.001Z'); // acknowledged by another instance
    const late = view.watermark('2030-01-01T00:00:00.000Z'); // arrives after the acknowledgement
    await b.answerAll();
    await expect(early).resolves.toBeNull();
    await expect(late).resolves.toBe('2026-01-01T00:00:00.001Z');
  });

  it('holds a catch-up back while a decision insert is in flight, and still sees the batch', async () => {
    const b = scriptedBatches();
    const pacer = new WritePacer();
    const view = new CommittedView({ batches: b.batches }, pacer, probing ? b.probe : null);
    const insert = deferred();
    void pacer.track(insert.promise);
    b.commit(1, '2026-01-01T00:00:00.001Z');
    const asked = view.watermark('2030-01-01T00:00:00.000Z');
    await ticks();
    expect(b.replies).toHaveLength(0);
    b.commit(2, '2026-01-01T00:00:00.002Z'); // committed after the request arrived: may be seen
    insert.resolve();
    await b.answerAll();
    await expect(asked).resolves.toBe('2026-01-01T00:00:00.002Z');
  });
});
