// One and two `kaohe serve` instances on one MongoDB (MONGODB_URI; `npm run bench` starts FerretDB):
// ingest over HTTP of two copies of the example centre (batches of 1,000; with two instances, two
// clients post one copy each at once), then, on a fresh database holding the centre and after
// asking each question once, GET /v1/verdicts/return-to-unit with autocannon as bench/http.ts
// does, 10 s per level (with two instances, one autocannon per instance at once: requests/s
// summed, p99 the worse of the two).
//
// Run alone after compiling: `MONGODB_URI=... node dist/bench/instances.js`.
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { type CannonResult, cannon, centre, ingest, startChild, verdictPaths } from './http.js';

interface Figures {
  factsPerSecond: number;
  verdicts: { connections: number; rps: number; p50Ms: number; p99Ms: number; failed: number }[];
}

function failed(r: CannonResult): number {
  return r.non2xx + r.errors + r.timeouts;
}

/** `instances` servers on a fresh database; `work` gets their URLs; the database is dropped after. */
async function withInstances<T>(uri: string, instances: number, work: (urls: string[]) => Promise<T>) {
  const db = `kaohe_bench_instances_${instances}_${Date.now().toString(36)}`;
  const servers = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startChild({ MONGODB_URI: uri, MONGODB_DB: db }));
    return await work(servers.map((s) => s.url));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    const client = new MongoClient(uri);
    await client.db(db).dropDatabase();
    await client.close();
  }
}

/** Two copies of the example centre (each self-contained), one client per instance at once. */
async function ingestCopies(urls: string[]): Promise<number> {
  const copies = [centre('copy0-'), centre('copy1-')];
  const total = copies.reduce((n, c) => n + c.length, 0);
  const started = performance.now();
  await Promise.all(
    urls.map(async (url, i) => {
      for (let c = i; c < copies.length; c += urls.length) await ingest(url, copies[c] ?? []);
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
}

/** Verdict load over the example centre, as bench/http.ts, split over the instances. */
async function verdictLoad(urls: string[]): Promise<Figures['verdicts']> {
  await ingest(urls[0] as string, centre());
  // Warm-up: the first verdict builds the context (every fact) and the quarter's ranking; then
  // every question of the load is asked once on each instance, so that the figures are those of
  // a warm instance (each verdict is kept per context) whatever the machine's load.
  for (const url of urls) {
    for (const path of verdictPaths()) {
      const res = await fetch(`${url}${path}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`warm-up verdict answered ${res.status}`);
    }
  }
  await Promise.all(urls.map((url) => cannon(url, 3, 8 / urls.length)));
  const verdicts: Figures['verdicts'] = [];
  for (const connections of [8, 16]) {
    const results = await Promise.all(urls.map((url) => cannon(url, 10, connections / urls.length)));
    verdicts.push({
      connections,
      rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
      p50Ms: Math.max(...results.map((r) => r.latency.p50)),
      p99Ms: Math.max(...results.map((r) => r.latency.p99)),
      failed: results.reduce((sum, r) => sum + failed(r), 0),
    });
  }
  return verdicts;
}

async function run(uri: string, instances: number): Promise<Figures> {
  const factsPerSecond = await withInstances(uri, instances, ingestCopies);
  const verdicts = await withInstances(uri, instances, verdictLoad);
  return { factsPerSecond, verdicts };
}

export async function benchInstances(uri: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const instances of [1, 2]) {
    const f = await run(uri, instances);
    out[`mongodb.x${instances}.ingest.factsPerSecond`] = f.factsPerSecond;
    for (const v of f.verdicts) {
      const key = `mongodb.x${instances}.verdict.c${v.connections}`;
      out[`${key}.rps`] = v.rps;
      out[`${key}.p50Ms`] = v.p50Ms;
      out[`${key}.p99Ms`] = v.p99Ms;
      out[`${key}.failed`] = v.failed;
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.log('MONGODB_URI not set: one and two instances on MongoDB not measured');
  } else {
    benchInstances(uri).then(
      (r) => {
        for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(40)} ${v}`);
      },
      (error) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
