// `kaohe coverage` as the README runs it: the shipped rules and tests pass (exit 0), and the rules
// that need no test are those of the kinds whose rules produce nothing a case could show.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kaohe, ROOT } from '../loader/helpers.js';

beforeAll(ensureBuilt);

describe('kaohe coverage', () => {
  it('the shipped rules: every provision encoded, every rule that produces something tested; exit 0', () => {
    const r = kaohe(ROOT, 'coverage');
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('rules without a test');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(
      /^45 provisions, 45 encoded; 64 rules, \d+ with a test, \d+ that need none \(principles, procedures\); \d+ test cases$/,
    );
    expect(r.status).toBe(0);
  }, 60_000);

  it('without tests: every rule but the principles and procedures is untested; exit 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kaohe-no-tests-'));
    const r = kaohe(ROOT, 'coverage', '--tests', empty, '--format', 'json');
    expect(r.status).toBe(1);
    const { untestedRules } = JSON.parse(r.stdout) as { untestedRules: string[] };
    expect(untestedRules).toContain('conduct.attendance');
    expect(untestedRules).toContain('return-to-unit.bottom-group');
    expect(untestedRules.filter((id) => /^(principle|procedure)\./.test(id))).toEqual([]);
  }, 60_000);
});
