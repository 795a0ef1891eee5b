// `npm start` as an operator runs it: a signal to npm (SIGTERM from a supervisor, SIGINT from a
// terminal) stops the service itself, so that no node process is left serving the port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `npm start` on a free port with a fresh SQLite store; resolves with npm and the port. */
async function npmStart(): Promise<{ npm: ChildProcess; port: number; output: () => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-npm-start-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir };
  delete env.MONGODB_URI;
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((done, fail) => {
    npm.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // One JSON line per event; the fields' order within a line is the logger's business.
      const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
      const url = line && /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(line);
      if (url) done(Number(url[1]));
    });
    npm.once('exit', (code) => fail(new Error(`npm start exited (${code}) before listening:\n${output}`)));
  });
  return { npm, port, output: () => output };
}

/** Whether something accepts connections on the port. */
function serving(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('npm start and signals', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm stops the service: npm exits and the port is free`, async () => {
      const { npm, port, output } = await npmStart();
      expect(await serving(port)).toBe(true);
      const exited = new Promise<void>((done) => npm.once('close', () => done()));
      npm.kill(signal);
      await exited;
      // The service logs its graceful stop, and nothing answers on its port any more.
      await expect.poll(() => serving(port), { timeout: 5_000 }).toBe(false);
      expect(output()).toContain('"msg":"stopped"');
    }, 90_000);
  }
});
