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

/**
 * Starts `npm start` on a free port with a fresh SQLite store; resolves with npm and the port.
 * `group`: npm leads a process group of its own, as in a terminal, whose Ctrl-C signals the group.
 */
async function npmStart(group = false): Promise<{ npm: ChildProcess; port: number; output: () => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-npm-start-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir };
  delete env.MONGODB_URI;
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
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

  it('Ctrl-C in a terminal (SIGINT to the group, npm forwarding it again) still finishes the request in flight', async () => {
    const { npm, port, output } = await npmStart(true);
    // A request in flight: its body half sent, so that the shutdown has to wait for it.
    const body = '{"facts": []}';
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    await new Promise<void>((done) => socket.once('connect', () => done()));
    socket.write(
      `POST /v1/facts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    const exited = new Promise<void>((done) => npm.once('close', () => done()));
    process.kill(-(npm.pid as number), 'SIGINT');
    await expect.poll(() => output().includes('"msg":"signal received"'), { timeout: 10_000 }).toBe(true);
    // npm forwards the SIGINT node already had from the terminal; under load it lands once the
    // shutdown has begun, as this second one does.
    const node = /"pid":(\d+),[^\n]*"msg":"signal received"/.exec(output());
    try {
      process.kill(Number(node?.[1]), 'SIGINT');
    } catch {
      // No such process: npm's own forward already killed it mid-shutdown (the checks below fail).
    }
    await new Promise((done) => setTimeout(done, 300));
    socket.end(body.slice(5));
    await exited;
    expect(answer).toMatch(/^HTTP\/1\.1 (200|400|422) /);
    expect(output()).toContain('"msg":"stopped"');
    expect(await serving(port)).toBe(false);
  }, 90_000);
});
