// Starting and stopping: startServer on a free port, graceful close (requests in flight finish,
// the store closes), refusing to start without any rule set, and `kaohe serve` itself: exit 2 on a
// configuration error, SIGHUP republishes, SIGTERM shuts down with 0.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import type { ServeConfig } from '../../src/config/env.js';
import { StartupError, startServer } from '../../src/http/server.js';
import { memoryLogger } from '../../src/log/logger.js';
import { finding, RULES_DIR } from './support.js';

const dirs: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const config = (overrides: Partial<ServeConfig> = {}): ServeConfig => ({
  port: 0,
  host: '127.0.0.1',
  dataDir: temp('kaohe-serve-data-'),
  rulesDir: RULES_DIR,
  mongodbDb: 'kaohe',
  apiKeys: [],
  logLevel: 'debug',
  bodyLimit: 1024 * 1024,
  ...overrides,
});

describe('startServer', () => {
  it('serves, warns loudly without keys, and on close finishes requests in flight, then closes the store', async () => {
    const logger = memoryLogger();
    const running = await startServer(config(), { logger });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logger.lines.find((l) => l.level === 'warn')?.msg).toMatch(/NO API KEYS CONFIGURED.*127\.0\.0\.1/);
    expect(await (await fetch(`${running.url}/healthz`)).json()).toMatchObject({
      status: 'ok',
      store: 'sqlite',
    });

    const original = running.service.postFacts.bind(running.service);
    running.service.postFacts = async (body) => {
      await new Promise((r) => setTimeout(r, 300));
      return original(body);
    };
    const inFlight = fetch(`${running.url}/v1/facts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(finding('slow-1', 'S001', '2018-03-01')),
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = running.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ stored: 1 });
    await closed;
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    await expect(running.service.store.listRulesets()).rejects.toThrow(); // the store is closed
  });

  it('refuses to start when RULES_DIR is broken and no version was ever published', async () => {
    const rulesDir = temp('kaohe-broken-rules-');
    writeFileSync(join(rulesDir, 'ruleset.yaml'), 'kind: ruleset\n');
    await expect(startServer(config({ rulesDir }), { logger: memoryLogger() })).rejects.toBeInstanceOf(
      StartupError,
    );
  });

  it('starts on a broken RULES_DIR when the store already has a version, serving it', async () => {
    const dataDir = temp('kaohe-serve-data-');
    const first = await startServer(config({ dataDir }), { logger: memoryLogger() });
    await first.close();
    const rulesDir = temp('kaohe-broken-rules-');
    writeFileSync(join(rulesDir, 'ruleset.yaml'), 'kind: ruleset\n');
    const logger = memoryLogger();
    const second = await startServer(config({ dataDir, rulesDir }), { logger });
    try {
      const health = (await (await fetch(`${second.url}/healthz`)).json()) as {
        ruleset: { version: string };
      };
      expect(health.ruleset.version).toBe('2018.2');
      expect(logger.lines.some((l) => l.level === 'error' && String(l.msg).includes('not published'))).toBe(
        true,
      );
    } finally {
      await second.close();
    }
  });
});

describe('kaohe serve', () => {
  const withEnv = async <T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> => {
    const saved = { ...process.env };
    for (const name of [
      'PORT',
      'HOST',
      'DATA_DIR',
      'RULES_DIR',
      'MONGODB_URI',
      'MONGODB_DB',
      'API_KEYS_FILE',
      'KAOHE_API_KEYS',
      'LOG_LEVEL',
      'BODY_LIMIT',
    ]) {
      delete process.env[name];
    }
    Object.assign(process.env, env);
    try {
      return await run();
    } finally {
      process.env = saved;
    }
  };

  it('exits 2 listing every configuration problem', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.join(' '));
    });
    try {
      const code = await withEnv({ PORT: 'http', LOG_LEVEL: 'loud', RULES_DIR }, () => serve([]));
      expect(code).toBe(2);
      expect(errors.join('\n')).toMatch(
        /2 configuration problem\(s\)[\s\S]*PORT="http"[\s\S]*LOG_LEVEL="loud"/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('runs until SIGTERM (exit 0); SIGHUP publishes RULES_DIR again', async () => {
    const rulesDir = temp('kaohe-serve-rules-');
    cpSync(RULES_DIR, rulesDir, { recursive: true });
    const lines: Record<string, unknown>[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const l of String(chunk).split('\n')) if (l.startsWith('{')) lines.push(JSON.parse(l));
      return true;
    });
    try {
      const exit = withEnv(
        { PORT: '0', DATA_DIR: temp('kaohe-serve-data-'), RULES_DIR: rulesDir, LOG_LEVEL: 'info' },
        async () => {
          const done = serve([]);
          await vi.waitFor(() => expect(lines.some((l) => l.msg === 'listening')).toBe(true), {
            timeout: 10_000,
          });
          return done;
        },
      );
      await vi.waitFor(() => expect(lines.some((l) => l.msg === 'listening')).toBe(true), {
        timeout: 10_000,
      });
      const url = lines.find((l) => l.msg === 'listening')?.url as string;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      writeFileSync(join(rulesDir, 'ruleset.yaml'), 'kind: ruleset\n');
      process.emit('SIGHUP');
      await vi.waitFor(() => expect(lines.some((l) => l.msg === 'republished rule directory')).toBe(true));
      const health = (await (await fetch(`${url}/healthz`)).json()) as { ruleset: { version: string } };
      expect(health.ruleset.version).toBe('2018.2');

      process.emit('SIGTERM');
      expect(await exit).toBe(0);
      expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
  });
});
