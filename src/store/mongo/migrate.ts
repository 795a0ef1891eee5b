// Batch bookkeeping written before batch numbers became string keys: `batch_reservations` and
// `batches` documents whose _id is the number n itself (and that have no `n` field). Left as they
// are, the new code would not find them by key and would number batches from 1 again, reusing seq.
// At start, before anything reads the ledger, each such document is copied under batchKey(n) with
// its n, then the numeric one is deleted. Both steps are idempotent, so instances that start at
// once, or a start that crashed midway, finish the same migration. Facts need no change (their
// rt and seq never depended on the key). Instances of the old version must be stopped first.
import type { Db } from 'mongodb';
import { batchKey, MONGO_COLLECTIONS } from './documents.js';
import { isDuplicateKey } from './duplicate-keys.js';

const NUMBER_TYPES = ['int', 'long', 'double'] as const;

/** A batch document of either format: only its _id matters here, the rest is copied as it is. */
interface AnyBatchDoc {
  _id: number | string;
  [field: string]: unknown;
}

/** Moves numeric-_id batch documents to string keys; returns how many were moved. */
export async function migrateBatchKeys(db: Db): Promise<number> {
  let moved = 0;
  // Runs before the ledger and the view load: nothing in this process reads a half-moved state.
  for (const name of [MONGO_COLLECTIONS.reservations, MONGO_COLLECTIONS.batches]) {
    const collection = db.collection<AnyBatchDoc>(name);
    const old = await collection.find({ $or: NUMBER_TYPES.map(($type) => ({ _id: { $type } })) }).toArray();
    for (const doc of old) {
      const n = doc._id as number;
      try {
        await collection.insertOne({ ...doc, _id: batchKey(n), n });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // copied already by another instance
      }
      await collection.deleteOne({ _id: n });
      moved++;
    }
  }
  return moved;
}
