import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, SQLITE_FILE } from '../../src/store/open.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { collect, defineStoreContract, FAR_FUTURE, finding, retraction, testClock } from './contract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kaohe-sqlite-'));
  dirs.push(d);
  return d;
}

defineStoreContract('sqlite (:memory:)', async (options) => new SqliteStore(':memory:', options));
defineStoreContract('sqlite (file, via openStore)', async (options) =>
  openStore({ dataDir: tempDir(), ...options }),
);

describe('sqlite adapter', () => {
  it('uses WAL and keeps everything when the file is reopened', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const clock = testClock('2018-03-05T02:00:00.000Z');
    const first = await openStore({ dataDir, now: clock.now });
    expect(first.kind).toBe('sqlite');
    const r1 = await first.appendFacts([
      finding('f1', 'S001', '2018-03-01'),
      finding('f2', 'S001', '2018-03-02'),
    ]);
    await first.appendFacts([retraction('x1', 'f1')]);
    await first.putRuleset({
      version: '1',
      hash: 'h1',
      effective: { from: '2018-01-01' },
      publishedAt: '2018-01-01T00:00:00.000Z',
      files: { 'a.yaml': 'a: 1\n' },
    });
    const evaluation = {
      id: 'e1',
      kind: 'staff-quarter',
      period: '2018-Q1',
      asOf: r1.recordedAt,
      ruleset: { version: '1', hash: 'h1' },
      factsDigest: 'd',
      results: [{ b: 1, a: [2] }],
      createdAt: '2018-04-01T00:00:00.000Z',
    };
    await first.putEvaluation(evaluation);
    const before = await collect(first.streamFacts({ asOf: FAR_FUTURE }));
    await first.close();

    const raw = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const second = await openStore({ dataDir, now: clock.now }); // the clock did not move
    expect(await collect(second.streamFacts({ asOf: FAR_FUTURE }))).toEqual(before);
    expect([...(await second.retractedIds(FAR_FUTURE))]).toEqual(['f1']);
    expect(JSON.stringify(await second.getEvaluation('e1'))).toBe(JSON.stringify(evaluation));
    expect((await second.listRulesets()).map((r) => r.hash)).toEqual(['h1']);
    expect(await second.appendFacts([finding('f1', 'S001', '2018-03-01')])).toMatchObject({ duplicates: 1 });
    const r3 = await second.appendFacts([finding('f3', 'S001', '2018-03-03')]);
    expect(r3.recordedAt).toBe('2018-03-05T02:00:00.003Z');
    const all = await collect(second.streamFacts({ asOf: FAR_FUTURE }));
    expect(all.map((f) => f.id)).toEqual(['f1', 'f2', 'x1', 'f3']);
    expect(all[3]?.seq).toBeGreaterThan(all[2]?.seq as number);
    await second.close();
  });

  it('openStore with dataDir ":memory:" gives a throwaway store', async () => {
    const store = await openStore({ dataDir: ':memory:' });
    expect(store.kind).toBe('sqlite');
    await store.close();
  });
});
