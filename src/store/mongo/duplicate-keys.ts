// Duplicate keys, the adapter's compare-and-swap: read only from the error code 11000, because
// FerretDB v1 reports no keyValue.
import type { Collection, Document } from 'mongodb';

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Indexes (into the inserted array) of documents rejected as duplicate keys; other errors throw. */
export async function insertUnordered<T extends Document>(
  collection: Collection<T>,
  docs: T[],
): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the driver's OptionalUnlessRequiredId typing
    await collection.insertMany(docs as any[], { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    if (writeErrors === undefined) throw error;
    const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
      index: number;
      code: number;
    }[];
    if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    return list.map((e) => e.index);
  }
}
