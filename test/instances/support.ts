// Several real `kaohe serve` processes (node bin/kaohe.js serve, what `npm start` runs; `npm test`
// builds first) on one MongoDB database: the deployment of docs/deploy.md in miniature. Each test
// file uses its own database, dropped at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Fact } from '../../src/model/fact.js';
import { ROOT, RULES_DIR } from '../http/support.js';

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr (its logs are JSON lines on stdout, kept too). */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `kaohe serve` on a free port and waits until /healthz answers. */
export async function startInstance(
  name: string,
  mongodbUri: string,
  db: string,
  env: Record<string, string> = {},
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kaohe.js'), 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      RULES_DIR,
      MONGODB_URI: mongodbUri,
      MONGODB_DB: db,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
  };
  return { name, url, child, output: () => output, stop };
}

/** A database name of its own for one test file, and a client to inspect and drop it. */
export function testDatabase(file: string): string {
  return `kaohe_inst_${file}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export async function dropDatabase(mongodbUri: string, db: string): Promise<void> {
  const client = new MongoClient(mongodbUri);
  try {
    await client.db(db).dropDatabase();
  } finally {
    await client.close();
  }
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  instance: Instance,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const res = await fetch(`${instance.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as T };
}

export interface Appended {
  stored: number;
  duplicates: number;
  recordedAt: string;
}

export const postFacts = (instance: Instance, facts: Fact[]) =>
  call<Appended & { error?: { code: string } }>(instance, 'POST', '/v1/facts', { facts });

/** A valid `late` finding about staff member `staff` (no roster needed for it to be stored). */
export function lateFinding(id: string, staff: string, occurredOn = '2018-03-01', minutes = 10): Fact {
  return {
    id,
    type: 'finding',
    subject: { kind: 'staff', id: staff },
    occurredOn,
    source: 'attendance-system',
    data: { code: 'late', minutes },
  };
}

/** Every fact known now (paged through), as GET /v1/facts answers it. */
export async function allFacts(instance: Instance, query = ''): Promise<(Fact & { recordedAt: string })[]> {
  const out: (Fact & { recordedAt: string })[] = [];
  let cursor: string | null = null;
  do {
    const q = `${query}${query ? '&' : ''}limit=10000&includeRetracted=true${cursor ? `&cursor=${cursor}` : ''}`;
    const page: Answer<{ facts: (Fact & { recordedAt: string })[]; next: string | null }> = await call(
      instance,
      'GET',
      `/v1/facts?${q}`,
    );
    if (page.status !== 200) throw new Error(`GET /v1/facts answered ${page.status}`);
    out.push(...page.body.facts);
    cursor = page.body.next;
  } while (cursor !== null);
  return out;
}
