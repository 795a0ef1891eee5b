// Configuration from the environment: defaults, every problem reported at once (variable, value,
// what is expected), API keys from a file and from KAOHE_API_KEYS, and the --help text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseSize } from '../../src/config/env.js';
import { serveHelp } from '../../src/config/help.js';
import { RULES_DIR } from '../http/support.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const base = { RULES_DIR };

describe('loadConfig', () => {
  it('has defaults, and listens on loopback only without keys', () => {
    const r = loadConfig(base);
    expect(r).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '127.0.0.1',
        dataDir: './data',
        rulesDir: RULES_DIR,
        mongodbDb: 'kaohe',
        apiKeys: [],
        logLevel: 'info',
        bodyLimit: 20 * 1024 * 1024,
      },
    });
  });

  it('listens on 0.0.0.0 by default with keys, read from a file and from KAOHE_API_KEYS', () => {
    const keys = file(
      'keys.json',
      JSON.stringify({ keys: [{ key: 'officer-key-0123456789', role: 'officer', name: 'Ms Li' }] }),
    );
    const r = loadConfig({
      ...base,
      API_KEYS_FILE: keys,
      KAOHE_API_KEYS: 'integrator:integrator-key-0123456789, auditor:auditor-key-0123456789',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.host).toBe('0.0.0.0');
    expect(r.config.apiKeys.map((k) => [k.role, k.key])).toEqual([
      ['officer', 'officer-key-0123456789'],
      ['integrator', 'integrator-key-0123456789'],
      ['auditor', 'auditor-key-0123456789'],
    ]);
  });

  it('reports every problem at once, each naming the variable, the value and what is expected', () => {
    const r = loadConfig({
      PORT: '70000',
      HOST: '0.0.0.0',
      DATA_DIR: file('not-a-dir', ''),
      RULES_DIR: join(dir, 'missing'),
      MONGODB_URI: 'postgres://user:secret@db/x',
      MONGODB_DB: 'a/b',
      LOG_LEVEL: 'verbose',
      BODY_LIMIT: 'lots',
      DECISION_LOG_SYNC: 'off',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    for (const name of [
      'PORT="70000"',
      'HOST="0.0.0.0"',
      'DATA_DIR=',
      'RULES_DIR=',
      'MONGODB_URI',
      'MONGODB_DB="a/b"',
      'LOG_LEVEL="verbose"',
      'BODY_LIMIT="lots"',
      'DECISION_LOG_SYNC="off"',
    ]) {
      expect(text).toContain(name);
    }
    expect(r.problems).toHaveLength(9);
    expect(text).not.toContain('secret'); // a URI may carry a password
    expect(text).toContain('expected one of debug, info, warn, error');
  });

  it('rejects bad key files and entries without echoing the keys', () => {
    const bad = file(
      'bad.json',
      JSON.stringify({
        keys: [
          { key: 'short', role: 'officer', name: 'x' },
          { key: 'a-long-enough-key-123', role: 'boss', name: '' },
        ],
      }),
    );
    const r = loadConfig({
      ...base,
      API_KEYS_FILE: bad,
      KAOHE_API_KEYS: 'officer-no-colon,officer:dup-key-0123456789,auditor:dup-key-0123456789',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    expect(text).toContain('keys[0]: a key must be at least 16');
    expect(text).toContain(
      'keys[1]: role must be one of integrator, officer, auditor, inspector, assessment-group (got "boss")',
    );
    expect(text).toContain('keys[1]: name must be a non-empty string');
    expect(text).toContain('KAOHE_API_KEYS: entry 1: expected role:key');
    expect(text).toContain('listed more than once');
    expect(text).not.toContain('dup-key-0123456789');
    const notJson = loadConfig({ ...base, API_KEYS_FILE: file('x.json', '{') });
    expect(notJson.ok === false && notJson.problems[0]).toContain('cannot read it as JSON');
    const empty = loadConfig({ ...base, API_KEYS_FILE: file('empty.json', '{"keys": []}') });
    expect(empty.ok === false && empty.problems[0]).toContain('no key is configured');
  });

  it("takes the decision log's synchronous mode (SQLite), in any case, FULL only when set so", () => {
    const normal = loadConfig({ ...base, DECISION_LOG_SYNC: 'Normal' });
    expect(normal.ok && normal.config.decisionLogSync).toBe('NORMAL');
    const full = loadConfig({ ...base, DECISION_LOG_SYNC: 'full' });
    expect(full.ok && full.config.decisionLogSync).toBe('FULL');
  });

  it('parses sizes', () => {
    expect(parseSize('20mb')).toBe(20 * 1024 * 1024);
    expect(parseSize('512KB')).toBe(512 * 1024);
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('1.5mb')).toBeNull();
  });

  it('--help lists every variable with its default', () => {
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
      'DECISION_LOG_SYNC',
    ]) {
      expect(serveHelp).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    for (const value of ['3000', '0.0.0.0', '127.0.0.1', './data', './rules', 'kaohe', 'info', '20mb'])
      expect(serveHelp).toContain(value);
  });
});
