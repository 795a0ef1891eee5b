// Shared by the loader tests: a fresh copy of rules/ per case, one edit, load it, and run the built
// `kaohe lint` on it the way a policy officer would.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { formatRuleError } from '../../src/rules/errors.js';
import { type LoadResult, loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RULES = join(ROOT, 'rules');
const BIN = join(ROOT, 'bin', 'kaohe.js');

const copies: string[] = [];
afterAll(() => {
  for (const d of copies.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of rules/ at <tmp>/rules, so messages read `rules/<file>` as for the real directory. */
export interface RulesCopy {
  root: string;
  dir: string;
}

export function copyRules(): RulesCopy {
  const root = mkdtempSync(join(tmpdir(), 'kaohe-loader-'));
  copies.push(root);
  const dir = join(root, 'rules');
  cpSync(RULES, dir, { recursive: true });
  return { root, dir };
}

export type Edit = (dir: string) => void;

/** Replaces `from` (which must occur exactly once, so the edit is the one meant) by `to`. */
export function replace(file: string, from: string, to: string): Edit {
  return (dir) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new Error(`test edit: ${JSON.stringify(from)} must occur exactly once in ${file}`);
    }
    writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
  };
}

export function write(file: string, content: string | Buffer): Edit {
  return (dir) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
}

export function remove(file: string): Edit {
  return (dir) => rmSync(join(dir, file));
}

export function edits(...all: Edit[]): Edit {
  return (dir) => {
    for (const e of all) e(dir);
  };
}

export function load(dir: string): LoadResult {
  return loadRuleSet(readRuleDirectory(dir, 'rules'));
}

/** Loads a copy of rules/ with the edits applied; the copy must be valid. */
export function loadEdited(...all: Edit[]): RuleSet {
  const { dir } = copyRules();
  edits(...all)(dir);
  const { ruleSet, errors } = load(dir);
  expect(errors.map(formatRuleError)).toEqual([]);
  if (!ruleSet) throw new Error('no rule set');
  return ruleSet;
}

/** Runs the built CLI in `cwd` (so `rules` is the copy). */
export function kaohe(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
}

/**
 * Where an error must point, found in the edited copy: the first marker (unique in the file), then
 * each next marker from there; the place is the start of the last one. So the test names the
 * offending token, and edits elsewhere in rules/ do not move its expected line.
 */
export interface Locator {
  file: string;
  markers: string[];
}

export function at(file: string, ...markers: string[]): Locator {
  return { file, markers };
}

/** `rules/<file>:<line>:<col>` of a locator in the copy (a string is taken as it is). */
export function place(dir: string, where: string | Locator): string {
  if (typeof where === 'string') return where;
  const text = readFileSync(join(dir, where.file), 'utf8');
  let offset = -1;
  where.markers.forEach((marker, i) => {
    const found = text.indexOf(marker, Math.max(offset, 0));
    if (found < 0 || (i === 0 && text.indexOf(marker, found + 1) >= 0)) {
      throw new Error(
        `locator: ${JSON.stringify(marker)} not found${i === 0 ? ' exactly once' : ''} in ${where.file}`,
      );
    }
    offset = found;
  });
  const before = text.slice(0, offset).split('\n');
  return `rules/${where.file}:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

type Words = string | ((placeOf: (l: Locator) => string) => string);

/** One broken rule set: the edit, and every error expected, in order: [where, code, words]. */
export interface Mistake {
  name: string;
  edit: Edit;
  errors: [where: string | Locator, code: string, words: Words][];
  /** Also run `kaohe lint` on it (always done for the first mistake of a group). */
  cli?: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One test per mistake: the loader reports exactly these errors and does not throw. For the first
 * of a group and those marked `cli`, the built `kaohe lint` also prints them and exits 1 (a spawn
 * costs about half a second, mostly compiling the schemas, so not for every mistake). */
export function checkMistakes(mistakes: Mistake[]): void {
  mistakes.forEach((m, i) => {
    const cli = i === 0 || m.cli === true;
    it(cli ? `${m.name} — and kaohe lint exits 1` : m.name, () => {
      const copy = copyRules();
      m.edit(copy.dir);
      let result: LoadResult = { ruleSet: null, errors: [] };
      expect(() => {
        result = load(copy.dir);
      }).not.toThrow();
      expect(result.ruleSet).toBeNull();
      expect(result.errors.length).toBeGreaterThan(0);
      const placeOf = (l: Locator) => place(copy.dir, l);
      const expected = m.errors.map(([where, , words]) => {
        const fragment = typeof words === 'string' ? words : words(placeOf);
        return expect.stringMatching(
          new RegExp(`^${escapeRegExp(place(copy.dir, where))}: .*${escapeRegExp(fragment)}`),
        );
      });
      const lines = result.errors.map(formatRuleError);
      expect(lines).toEqual(expected);
      expect(result.errors.map((e) => e.code)).toEqual(m.errors.map(([, code]) => code));

      if (!cli) return;
      const run = kaohe(copy.root, 'lint', 'rules');
      expect(run.status).toBe(1);
      expect(run.stderr.split('\n')).toEqual([
        ...lines,
        `${lines.length} problem${lines.length === 1 ? '' : 's'} in rules`,
        '',
      ]);
    });
  });
}

/** Builds dist/ when it is missing or older than src/ (one build at a time across test workers). */
export function ensureBuilt(): void {
  const marker = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  const stale = () => !existsSync(marker) || newest(join(ROOT, 'src')) > statSync(marker).mtimeMs;
  if (!stale()) return;
  const lock = join(
    tmpdir(),
    `kaohe-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + 110_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for another build (${lock})`);
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!stale()) return;
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = spawnSync(npx, ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(marker)) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}
