// vitest globalSetup: provides `mongodbUri` to the tests (inject('mongodbUri')).
//   - MONGODB_URI set → that server (pinged first).
//   - else test/mongo/.bin/ferretdb (built by test/mongo/build-ferretdb.sh, which is run here when
//     Go is available: a no-op when the binary is up to date) → started on a free loopback port
//     with a fresh temp data dir, stopped in teardown.
//   - else null, with a loud warning: the MongoDB contract suite is skipped. With CI=true that is an
//     error instead.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string | null;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'test', 'mongo', '.bin', 'ferretdb');
const buildScript = join(root, 'test', 'mongo', 'build-ferretdb.sh');

function banner(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.warn(['', bar, ...lines.map((l) => `!!  ${l}`), bar, ''].join('\n'));
}

function hasGo(): boolean {
  const r = spawnSync('go', ['version'], { stdio: 'ignore' });
  return r.status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function ping(uri: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

interface Running {
  uri: string;
  stop: () => Promise<void>;
}

async function startFerretDb(): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-ferretdb-'));
  const port = await freePort();
  const child = spawn(binary, ['-port', String(port), '-data', dataDir, '-log-level', 'error'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const uri = `mongodb://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`ferretdb exited at start (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    }
    try {
      await ping(uri, 500);
      return { uri, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`ferretdb did not accept connections within 30 s: ${String(error)}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true';
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) {
    try {
      await ping(fromEnv, 10_000);
    } catch (error) {
      throw new Error(`MONGODB_URI is set but the server does not answer: ${String(error)}`);
    }
    project.provide('mongodbUri', fromEnv);
    return async () => undefined;
  }

  let why = '';
  if (!existsSync(binary)) {
    if (hasGo()) {
      console.warn(
        `building FerretDB for the MongoDB contract suite (${buildScript}); a cold build takes minutes`,
      );
      const r = spawnSync(buildScript, { stdio: 'inherit' });
      if (r.status !== 0) why = `${buildScript} failed (exit ${r.status ?? r.signal})`;
    } else {
      why = 'MONGODB_URI is not set, test/mongo/.bin/ferretdb is not built and Go is not installed';
    }
  } else if (hasGo()) {
    // Rebuilds only when main.go/go.mod/go.sum are newer than the binary.
    const r = spawnSync(buildScript, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) why = `${buildScript} failed (exit ${r.status ?? r.signal})`;
  }

  if (!why && existsSync(binary)) {
    try {
      const running = await startFerretDb();
      project.provide('mongodbUri', running.uri);
      return running.stop;
    } catch (error) {
      why = `FerretDB did not start: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else if (!why) {
    why = `${binary} is missing after the build`;
  }

  if (ci) throw new Error(`CI=true and no MongoDB for the contract suite: ${why}`);
  banner([
    'THE MONGODB STORE CONTRACT SUITE IS SKIPPED.',
    `Why: ${why}.`,
    'Fix: set MONGODB_URI=mongodb://host:port/ or install Go >= 1.24 and run',
    '     test/mongo/build-ferretdb.sh (embedded FerretDB v1.24.2, SQLite backend).',
  ]);
  project.provide('mongodbUri', null);
  return async () => undefined;
}
