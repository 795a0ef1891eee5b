// A verdict's answer is sent only after its decision is committed: on SQLite the decision log
// writes on a worker thread with its own connection, and the route waits for that commit. A second
// connection (as another process would) must read the record of every answer the moment it arrives,
// with many verdicts in flight at once (so that they share group writes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, SQLITE_FILE } from '../../src/store/open.js';
import { centreFacts, type Harness, harness, postAll, type StoreKind } from './support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-durability-'));
const sqliteFile: StoreKind = {
  name: 'sqlite',
  async open(clock) {
    const reopen = () => openStore({ dataDir, now: clock.now });
    return { store: await reopen(), reopen };
  },
};

interface Row {
  body: string;
}

describe('decision log durability [sqlite]', () => {
  let h: Harness;
  let raw: Database.Database;
  beforeAll(async () => {
    h = await harness(sqliteFile);
    await postAll(h, centreFacts());
    h.clock.advance(60_000);
    raw = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
  });
  afterAll(async () => {
    raw?.close();
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a verdict only when a second connection can read its decision', async () => {
    const bySubject = raw.prepare('SELECT body FROM decisions WHERE subject = ?');
    const asks = Array.from({ length: 48 }, (_, i) => ({
      staff: `S${String(i + 1).padStart(3, '0')}`,
      date: `2018-${String((i % 12) + 1).padStart(2, '0')}-16`,
    }));
    const recordedOnArrival = await Promise.all(
      asks.map(({ staff, date }) =>
        h.http.get(`/v1/verdicts/return-to-unit?staff=${staff}&date=${date}`).then((res) => {
          expect(res.status).toBe(200);
          // Read at once, before anything else runs: the record must already be committed.
          const rows = bySubject.all(`staff:${staff}`) as Row[];
          return rows.some((r) => {
            const d = JSON.parse(r.body) as { question: { date: string }; answer: { value: unknown } };
            return d.question.date === date && d.answer.value === res.body.returnToUnit;
          });
        }),
      ),
    );
    expect(recordedOnArrival).toEqual(asks.map(() => true));
  });
});
