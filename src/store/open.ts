// Opens the configured store: MongoDB when a URI is given, else SQLite in `<dataDir>/kaohe.sqlite`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoStore } from './mongo/store.js';
import type { Store } from './port.js';
import { SqliteStore } from './sqlite/store.js';

export interface StoreConfig {
  mongodbUri?: string;
  /** Database name on the MongoDB server (default `kaohe`). */
  mongodbDb?: string;
  /** Directory of the SQLite file (created if missing); ':memory:' for a throwaway store. */
  dataDir: string;
  /** The clock for recordedAt. */
  now?: () => Date;
  /** MongoDB: how long a batch may stay pending before another writer may abort it. */
  leaseMs?: number;
  /** SQLite: `synchronous` of the decision log's commits (default FULL, as every other commit). */
  decisionLogSync?: 'FULL' | 'NORMAL';
}

export const SQLITE_FILE = 'kaohe.sqlite';

export async function openStore(config: StoreConfig): Promise<Store> {
  const options = config.now ? { now: config.now } : {};
  if (config.mongodbUri !== undefined && config.mongodbUri !== '') {
    const leaseMs = config.leaseMs === undefined ? {} : { leaseMs: config.leaseMs };
    return MongoStore.connect(config.mongodbUri, config.mongodbDb ?? 'kaohe', { ...options, ...leaseMs });
  }
  if (config.dataDir === ':memory:') return new SqliteStore(':memory:', options);
  mkdirSync(config.dataDir, { recursive: true });
  const sync = config.decisionLogSync === undefined ? {} : { decisionLogSync: config.decisionLogSync };
  return new SqliteStore(join(config.dataDir, SQLITE_FILE), { ...options, ...sync });
}
