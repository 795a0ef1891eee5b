// The SQLite decision log commits on a worker thread with its own connection
// (src/store/sqlite/decision-writer.ts): an append resolves only once its rows are committed, so
// another connection reads them; a failed write is reported and the next one still works; close
// lets the writes in flight finish.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, SQLITE_FILE } from '../../src/store/open.js';
import type { DecisionRecord, Store } from '../../src/store/port.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function fileStore(): Promise<{ store: Store; file: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-decisions-'));
  dirs.push(dataDir);
  return { store: await openStore({ dataDir }), file: join(dataDir, SQLITE_FILE) };
}

const decision = (n: number): DecisionRecord => ({
  id: `dc-${String(n).padStart(6, '0')}`,
  at: `2018-04-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  subject: `staff:S${n % 7}`,
  by: { name: 'desk', role: 'integrator' },
  answer: { value: n % 2 === 0 },
});

/** The decision ids another connection sees (as another process would). */
function idsSeenBy(raw: Database.Database): string[] {
  return (raw.prepare('SELECT id FROM decisions ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

describe('sqlite decision log (file store)', () => {
  it('resolves each append only once another connection can read its records', async () => {
    const { store, file } = await fileStore();
    const raw = new Database(file, { readonly: true });
    try {
      const seen: boolean[] = [];
      // Appends in flight together, each checked the moment it resolves.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.decisions.append([decision(2 * i), decision(2 * i + 1)]).then(() => {
            const ids = new Set(idsSeenBy(raw));
            seen.push(ids.has(decision(2 * i).id) && ids.has(decision(2 * i + 1).id));
          }),
        ),
      );
      expect(seen).toEqual(Array(40).fill(true));
      const page = await store.decisions.query({ limit: 1000 });
      expect(page.decisions).toEqual(Array.from({ length: 80 }, (_, n) => decision(n)));
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('reports a failed write to its caller only, and keeps writing', async () => {
    const { store } = await fileStore();
    try {
      await store.decisions.append([decision(1)]);
      // The same id twice: the primary key refuses the group, and nothing of it is stored.
      await expect(store.decisions.append([decision(2), decision(1)])).rejects.toThrow(
        /decision log write failed: UNIQUE constraint failed: decisions\.id/,
      );
      await store.decisions.append([decision(3)]);
      const page = await store.decisions.query({ limit: 10 });
      expect(page.decisions.map((d) => d.id)).toEqual([decision(1).id, decision(3).id]);
    } finally {
      await store.close();
    }
  });

  it('lets the writes in flight finish when the store closes, and refuses later ones', async () => {
    const { store, file } = await fileStore();
    const inFlight = Array.from({ length: 20 }, (_, n) => store.decisions.append([decision(n)]));
    await store.close();
    await Promise.all(inFlight);
    await expect(store.decisions.append([decision(99)])).rejects.toThrow(/closed/);
    const raw = new Database(file, { readonly: true });
    expect(idsSeenBy(raw)).toEqual(Array.from({ length: 20 }, (_, n) => decision(n).id));
    raw.close();
  });
});
