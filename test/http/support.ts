// Shared by the HTTP tests: one suite body runs against SQLite and against MongoDB/FerretDB
// (inject('mongodbUri'); skipped loudly when there is none), each test file in its own databases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import supertest from 'supertest';
import { afterAll, describe, inject } from 'vitest';
import type { ApiKey } from '../../src/config/api-keys.js';
import { createApp } from '../../src/http/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { Fact } from '../../src/model/fact.js';
import { KaoheService } from '../../src/service/kaohe-service.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/port.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const RULES_DIR = join(ROOT, 'rules');

export interface Clock {
  now: () => Date;
  set: (iso: string) => void;
  advance: (ms: number) => void;
  iso: () => string;
}

export function testClock(start = '2020-01-01T00:00:00.000Z'): Clock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
    iso: () => new Date(t).toISOString(),
  };
}

export interface StoreKind {
  name: 'sqlite' | 'mongodb';
  /** A fresh, empty store; `reopen` opens the same data again (a restart). */
  open(clock: Clock): Promise<{ store: Store; reopen: () => Promise<Store> }>;
}

let centre: Fact[] | undefined;
/** examples/centre/facts.ndjson: 16,776 facts, 48 staff, 2018–2019. */
export function centreFacts(): Fact[] {
  centre ??= readFileSync(join(ROOT, 'examples', 'centre', 'facts.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Fact);
  return centre;
}

function sqliteKind(): StoreKind {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    name: 'sqlite',
    async open(clock) {
      const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-http-'));
      dirs.push(dataDir);
      const reopen = () => openStore({ dataDir, now: clock.now });
      return { store: await reopen(), reopen };
    },
  };
}

function mongoKind(uri: string): StoreKind {
  const prefix = `kaohe_h${process.pid}_${randomBytes(3).toString('hex')}`;
  let counter = 0;
  afterAll(async () => {
    const admin = new MongoClient(uri);
    try {
      const { databases } = await admin.db('admin').admin().listDatabases({ nameOnly: true });
      for (const d of databases) if (d.name.startsWith(prefix)) await admin.db(d.name).dropDatabase();
    } finally {
      await admin.close();
    }
  });
  return {
    name: 'mongodb',
    async open(clock) {
      const mongodbDb = `${prefix}_${++counter}`;
      const reopen = () => openStore({ mongodbUri: uri, mongodbDb, dataDir: '', now: clock.now });
      return { store: await reopen(), reopen };
    },
  };
}

/** Defines `body` once per store kind (describe blocks named after the store). */
export function forEachStore(title: string, body: (kind: StoreKind) => void): void {
  describe(`${title} [sqlite]`, () => body(sqliteKind()));
  const uri = inject('mongodbUri');
  if (uri === null) {
    console.warn(
      `\n${'!'.repeat(78)}\n!!  SKIPPING "${title}" on MongoDB: no MongoDB/FerretDB (set MONGODB_URI, or install Go\n!!  and run test/mongo/build-ferretdb.sh). Only the SQLite variant ran.\n${'!'.repeat(78)}\n`,
    );
    describe.skip(`${title} [mongodb] (no MongoDB available)`, () =>
      body(mongoKind('mongodb://unavailable')));
    return;
  }
  describe(`${title} [mongodb]`, () => body(mongoKind(uri)));
}

export interface Harness {
  store: Store;
  service: KaoheService;
  http: ReturnType<typeof supertest>;
  logger: ReturnType<typeof memoryLogger>;
  clock: Clock;
  reopen: () => Promise<Store>;
  /** Builds a service and app over another store (e.g. the reopened one). */
  restart: () => Promise<Harness>;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  clock?: Clock;
  keys?: ApiKey[];
  rulesDir?: string;
}

export async function harness(kind: StoreKind, options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? testClock();
  const { store, reopen } = await kind.open(clock);
  return build(store, reopen, clock, options);
}

async function build(
  store: Store,
  reopen: () => Promise<Store>,
  clock: Clock,
  options: HarnessOptions,
): Promise<Harness> {
  const logger = memoryLogger('debug');
  const service = new KaoheService({
    store,
    rulesDir: options.rulesDir ?? RULES_DIR,
    logger,
    now: clock.now,
  });
  await service.start();
  const app = createApp({ service, auth: options.keys ?? [], logger, bodyLimit: 1024 * 1024 });
  const h: Harness = {
    store,
    service,
    http: supertest(app),
    logger,
    clock,
    reopen,
    restart: async () => {
      await service.close();
      return build(await reopen(), reopen, clock, options);
    },
    close: () => service.close(),
  };
  return h;
}

/** Posts facts in batches of 1,000 (the clock moves 1 s per batch). */
export async function postAll(h: Harness, facts: Fact[], batch = 1000): Promise<void> {
  for (let i = 0; i < facts.length; i += batch) {
    const res = await h.http.post('/v1/facts').send({ facts: facts.slice(i, i + batch) });
    if (res.status !== 200)
      throw new Error(`loading facts: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    h.clock.advance(1000);
  }
}

export function finding(id: string, staff: string, occurredOn: string, code = 'late'): Fact {
  return {
    id,
    type: 'finding',
    subject: { kind: 'staff', id: staff },
    occurredOn,
    source: 'video-patrol',
    data: { code },
  };
}
