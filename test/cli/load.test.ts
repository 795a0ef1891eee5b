// `kaohe load` against a running service (startServer on a free port, SQLite in a temp dir): the
// example centre goes in whole, a second run stores nothing twice, and failures say what happened.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/http/server.js';
import { memoryLogger } from '../../src/log/logger.js';
import { finding, ROOT, RULES_DIR } from '../http/support.js';
import { ensureBuilt } from '../loader/helpers.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kaohe-load-'));
  dirs.push(d);
  return d;
};
let running: RunningServer;

beforeAll(async () => {
  ensureBuilt();
  running = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: temp(),
      rulesDir: RULES_DIR,
      mongodbDb: 'kaohe',
      apiKeys: [],
      logLevel: 'error',
      bodyLimit: 20 * 1024 * 1024,
    },
    { logger: memoryLogger('error') },
  );
});
afterAll(async () => {
  await running?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the built CLI without blocking this process (the service answers from it). */
async function kaohe(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/kaohe.js', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The ids of S001's findings the service holds now. */
const s001Findings = async () => {
  const page = (await (
    await fetch(`${running.url}/v1/facts?subject=staff:S001&type=finding&limit=10000`)
  ).json()) as {
    facts: { id: string }[];
  };
  return page.facts.map((f) => f.id);
};

describe('kaohe load', () => {
  it('posts the example centre in batches of 1,000; a second run finds every fact stored', async () => {
    const first = await kaohe('load', '--url', running.url);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      `examples/centre/facts.ndjson: 16776 facts posted to ${running.url} in 17 batches: 16776 stored, 0 duplicates\n`,
    );
    expect(first.status).toBe(0);
    const again = await kaohe('load', '--url', running.url, '--batch', '10000');
    expect(again.stdout).toBe(
      `examples/centre/facts.ndjson: 16776 facts posted to ${running.url} in 2 batches: 0 stored, 16776 duplicates\n`,
    );
    // What the service answers is what the file says: S007's 2018-Q3 result of the README.
    const answer = await fetch(`${running.url}/v1/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'staff-quarter', period: '2018-Q3' }),
    });
    const evaluation = (await answer.json()) as {
      results: { subject: { id: string }; score: number; rank: number; bottomGroup: boolean }[];
    };
    const s007 = evaluation.results.find((r) => r.subject.id === 'S007');
    expect([evaluation.results.length, s007?.score, s007?.rank, s007?.bottomGroup]).toEqual([
      47,
      84,
      47,
      true,
    ]);
  }, 120_000);

  it('a batch the service refuses: exit 1 with its code and message; the batches before it stay stored', async () => {
    const dir = temp();
    const file = join(dir, 'facts.ndjson');
    const lines = [
      finding('load-ok-1', 'S001', '2018-03-01'),
      finding('load-ok-2', 'S001', '2018-03-02'),
      // Same id as the first example fact, other content: a conflict (409).
      { ...finding('f-2018-01-01-S002-late-1', 'S002', '2018-01-01'), data: { code: 'early-leave' } },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const r = await kaohe('load', '--url', running.url, '--facts', file, '--batch', '2');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^kaohe: the service refused facts 3–3 of 3 \(409 [a-z-]+\): /);
    expect(r.stderr).toContain('kaohe: the 2 facts before them are stored; fix and run again');
    expect(await s001Findings()).toEqual(expect.arrayContaining(['load-ok-1', 'load-ok-2']));
  });

  it('no service at the URL: says so and exits 1; a bad --batch is a usage error (2)', async () => {
    const closed = await kaohe(
      'load',
      '--url',
      'http://127.0.0.1:9',
      '--facts',
      'examples/centre/facts.ndjson',
    );
    expect(closed.stderr).toMatch(
      /^kaohe: cannot reach the service at http:\/\/127\.0\.0\.1:9 \(.+\); is it running/,
    );
    expect(closed.status).toBe(1);
    const usage = await kaohe('load', '--batch', '0');
    expect(usage.stderr).toMatch(/^kaohe: --batch must be a whole number from 1 to 10000/);
    expect(usage.status).toBe(2);
  });
});
