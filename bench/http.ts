// The HTTP service under load: ingest through POST /v1/facts (batches of 1,000) on SQLite, and on
// MongoDB/FerretDB when MONGODB_URI is set; then GET /v1/verdicts/return-to-unit over the example
// centre with autocannon (staff and date vary per request), 10 s per load level: requests/s and
// p50/p99 latency (target: >= 2,000 requests/s with p99 <= 5 ms). The server runs in a child
// process, as in production, so the load generator does not share its event loop.
//
// Run alone after compiling: `npm run build && node dist/bench/http.js` (MONGODB_URI=... optional).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fact } from '../src/model/fact.js';
import { projectRoot } from '../src/schemas/registry.js';

export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p99_9: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; setupRequest: (req: { path?: string }) => { path: string } }[];
}
// autocannon ships no types; this is the part used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: CannonOptions,
) => Promise<CannonResult>;

const ROOT = projectRoot();
const BATCH = 1000;

export function centre(prefix = ''): Fact[] {
  return readFileSync(join(ROOT, 'examples', 'centre', 'facts.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = JSON.parse(l) as Fact;
      if (!prefix) return f;
      // A copy retracts its own facts, so that copies can be posted in any order.
      const data =
        typeof f.data.retracts === 'string' ? { ...f.data, retracts: `${prefix}${f.data.retracts}` } : f.data;
      return { ...f, id: `${prefix}${f.id}`, data };
    });
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

interface Server {
  url: string;
  stop: () => Promise<void>;
}

/** `kaohe serve` in a child process (the compiled CLI next to this file). */
export async function startChild(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const main = new URL('../src/cli/main.js', import.meta.url).href;
  const code = `import(${JSON.stringify(main)}).then((m) => m.main(['serve'])).then((c) => { process.exitCode = c; });`;
  const inherited = { ...process.env };
  delete inherited.MONGODB_URI; // the SQLite run must not pick up the MongoDB of the caller
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: String(port),
      RULES_DIR: join(ROOT, 'rules'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`kaohe serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (i > 300) throw new Error('kaohe serve did not come up within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

/** Posts facts in batches of 1,000; returns the seconds spent in the requests. */
export async function ingest(url: string, facts: Fact[]): Promise<number> {
  let seconds = 0;
  for (let i = 0; i < facts.length; i += BATCH) {
    const body = JSON.stringify({ facts: facts.slice(i, i + BATCH) });
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/facts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await res.arrayBuffer();
    seconds += (performance.now() - t0) / 1000;
    if (res.status !== 200) throw new Error(`POST /v1/facts answered ${res.status}`);
  }
  return seconds;
}

/** Every staff member × the 1st and 16th of each month, shuffled (fixed seed). */
export function verdictPaths(): string[] {
  const paths: string[] = [];
  for (let s = 1; s <= 48; s++) {
    for (const year of [2018, 2019]) {
      for (let m = 1; m <= 12; m++) {
        for (const d of ['01', '16']) {
          paths.push(
            `/v1/verdicts/return-to-unit?staff=S${String(s).padStart(3, '0')}&date=${year}-${String(m).padStart(2, '0')}-${d}`,
          );
        }
      }
    }
  }
  let seed = 42;
  for (let i = paths.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [paths[i], paths[j]] = [paths[j] as string, paths[i] as string];
  }
  return paths;
}

export async function cannon(url: string, seconds: number, connections: number): Promise<CannonResult> {
  const paths = verdictPaths();
  let next = 0;
  const options: CannonOptions = {
    url,
    connections,
    duration: seconds,
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] as string }) },
    ],
  };
  return autocannon(options);
}

export function record(out: Record<string, number>, prefix: string, r: CannonResult): void {
  out[`${prefix}.rps`] = Math.round(r.requests.average);
  out[`${prefix}.p50Ms`] = r.latency.p50;
  out[`${prefix}.p99Ms`] = r.latency.p99;
  out[`${prefix}.failed`] = r.non2xx + r.errors + r.timeouts;
}

/** Runs `work` against a fresh `kaohe serve` child on the given store, then stops it. */
async function withServer<T>(env: Record<string, string>, work: (url: string) => Promise<T>): Promise<T> {
  const server = await startChild(env);
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}

async function benchStore(name: 'sqlite' | 'mongodb', env: Record<string, string>, copies: number) {
  const out: Record<string, number> = {};
  const facts = centre();
  let seconds = 0;
  await withServer(env, async (url) => {
    seconds += await ingest(url, facts);
    await cannon(url, 3, 8); // warm-up: the context and every quarter's ranking are built once
    // Closed loop: N connections, each sending its next request when the answer arrives. (A fixed
    // overallRate is no steady rate in autocannon: each connection bursts its quota at the start
    // of every second, which measures the bursts.)
    for (const connections of [2, 4, 8, 16])
      record(out, `${name}.verdict.c${connections}`, await cannon(url, 10, connections));
  });
  // The same with an access-log line per request (LOG_LEVEL=info, the default), to /dev/null.
  await withServer({ ...env, LOG_LEVEL: 'info' }, async (url) => {
    await cannon(url, 3, 8);
    record(out, `${name}.verdict.c8.logInfo`, await cannon(url, 10, 8));
  });
  let total = facts.length;
  await withServer(env, async (url) => {
    for (let c = 1; c < copies; c++) {
      const more = centre(`copy${c}-`);
      seconds += await ingest(url, more);
      total += more.length;
    }
  });
  out[`${name}.ingest.facts`] = total;
  out[`${name}.ingest.factsPerSecond`] = Math.round(total / seconds);
  return out;
}

export async function benchHttp(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-bench-http-'));
  const results: Record<string, number> = {};
  try {
    Object.assign(results, await benchStore('sqlite', { DATA_DIR: dataDir }, 4));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const uri = process.env.MONGODB_URI;
  if (uri) {
    const db = `kaohe_bench_http_${Date.now().toString(36)}`;
    Object.assign(results, await benchStore('mongodb', { MONGODB_URI: uri, MONGODB_DB: db }, 2));
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(uri);
    await client.db(db).dropDatabase();
    await client.close();
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchHttp().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${v}`);
      if (!process.env.MONGODB_URI) console.log('MONGODB_URI not set: MongoDB not measured');
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
