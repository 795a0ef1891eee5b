// The README as a new user follows it: its links resolve, and every command line it shows with its
// output (`$ npx kaohe …`, with the worked revision's `rules-2019/` built as it says) prints that
// output today. A shown line must appear in the real output, in order; `…` stands for anything.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../loader/helpers.js';
import { workedRevision } from '../revision/revise.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BIN = join(ROOT, 'bin', 'kaohe.js');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const seen = new Set<string>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (m[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    seen.add(slug);
  }
  return seen;
}

describe('README links', () => {
  const files = [
    'README.md',
    'docs/ARCHITECTURE.md',
    'docs/api.md',
    'docs/facts.md',
    'docs/parameters.md',
    'docs/deploy.md',
  ];
  for (const file of files) {
    it(`every relative link of ${file} names a file (and heading) that exists`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] as string;
        if (/^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const full = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
        if (!existsSync(full)) broken.push(`${target}: no such file`);
        else if (anchor && full.endsWith('.md') && !anchors(readFileSync(full, 'utf8')).has(anchor))
          broken.push(`${target}: no such heading`);
      }
      expect(broken).toEqual([]);
    });
  }
});

interface Shown {
  command: string;
  output: string[];
}

/** The `$ ` command lines of the README's code blocks that run without a service, with their output. */
function transcripts(): Shown[] {
  const shown: Shown[] = [];
  for (const block of README.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    let current: Shown | undefined;
    for (const line of (block[1] as string).split('\n')) {
      if (line.startsWith('$ ')) {
        const command = line.slice(2);
        // curl, `files=…` and `kaohe load` need a running service (test/http covers those routes)
        current = /^(npx kaohe (?!load)|cp |echo )/.test(command) ? { command, output: [] } : undefined;
        if (current) shown.push(current);
      } else if (current && line.trim() !== '') current.output.push(line.trimEnd());
    }
  }
  return shown;
}

/** Whether the shown lines appear in the actual ones in order; `…` in a shown line is a wildcard. */
function missing(shown: string[], actual: string[]): string[] {
  const rows = actual.filter((l) => /^staff:/.test(l));
  const gaps: string[] = [];
  let at = 0;
  for (const line of shown) {
    const counted = /^…\s+\((\d+) rows, (\d+) staff\)$/.exec(line);
    if (counted) {
      const staff = new Set(rows.map((r) => r.split(/\s+/)[0])).size;
      if (`${rows.length} ${staff}` !== `${counted[1]} ${counted[2]}`)
        gaps.push(`${line} (actual: ${rows.length} rows, ${staff} staff)`);
      continue;
    }
    if (/^(…|\.\.\.)/.test(line)) continue;
    const pattern = new RegExp(
      `^${line
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    const found = actual.findIndex((l, i) => i >= at && pattern.test(l.trimEnd()));
    if (found < 0) gaps.push(line);
    else at = found + 1;
  }
  return gaps;
}

describe('README command lines and their outputs', () => {
  let workspace: string;
  beforeAll(() => {
    ensureBuilt();
    workspace = mkdtempSync(join(tmpdir(), 'kaohe-readme-'));
    for (const dir of ['rules', 'examples', 'test', 'schemas', 'templates'])
      symlinkSync(join(ROOT, dir), join(workspace, dir));
    // `cp -r rules rules-2019` and the four edits the README lists
    const revision = join(workspace, 'rules-2019');
    spawnSync('mkdir', [revision]);
    for (const [path, text] of Object.entries(workedRevision())) writeFileSync(join(revision, path), text);
    // the file commands the README runs on the way (`cp`, `echo … >>`), in its order
    for (const { command } of transcripts().filter((t) => !t.command.startsWith('npx ')))
      expect(spawnSync('bash', ['-c', command], { cwd: workspace }).status, command).toBe(0);
  });

  it('the worked revision edits the files the README says it does', () => {
    const yaml = /# ruleset\.yaml\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    for (const [param, value] of [
      ['points.finding.video-streaming', 2],
      ['points.finding.late', 2],
      ['points.finding.absent-from-post', 3],
      ['ranking.bottomGroupSize', 5],
      ['tiers.staff.excellent', 90],
      ['returnToUnit.criticismCount', 3],
    ] as const)
      expect(yaml).toMatch(
        new RegExp(`  ${param.replace(/\./g, '\\.')}:[^\\n]*\\n(?:.*\\n)*?\\s+"2019-01-01": ${value}\\b`),
      );
    expect(yaml).toContain('video-streaming: { provision: A5.1.6, subject: staff');
    expect(yaml).toContain('video-streaming: points.finding.video-streaming');
  });

  // The bare command lines (the quick start, the offline notices): each succeeds as written.
  const plain = [...README.matchAll(/^npx kaohe (?!load)(.*?)(?:\s+# .*)?$/gm)].map((m) => m[1] as string);
  it('finds the quick start and notice command lines', () => {
    expect(plain.length).toBeGreaterThanOrEqual(8);
  });
  for (const args of plain) {
    it(`npx kaohe ${args}: exit 0`, () => {
      const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} ${args}`], {
        cwd: workspace,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.stderr).toBe('');
      expect(r.status, r.stdout.slice(-2000)).toBe(0);
      const out = /--out (\S+)/.exec(args)?.[1];
      if (out) expect(readFileSync(join(workspace, out)).length).toBeGreaterThan(1000);
    }, 150_000);
  }

  const shown = transcripts().filter((t) => t.command.startsWith('npx '));
  it('finds the command lines (the walk, the transfer, the worked revision)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(11);
  });

  for (const { command, output } of shown) {
    it(`$ ${command.length > 110 ? `${command.slice(0, 110)}…` : command}`, () => {
      const r = spawnSync(
        'bash',
        ['-c', `npx() { [ "$1" = kaohe ] && shift; node ${JSON.stringify(BIN)} "$@"; }\n${command}`],
        { cwd: workspace, encoding: 'utf8', timeout: 120_000 },
      );
      const actual = `${r.stdout}${r.stderr}`.split('\n');
      expect(missing(output, actual), actual.join('\n')).toEqual([]);
    }, 150_000);
  }
});

/** The `$ ` commands of one code block (continued lines and open quotes joined), with their output. */
function session(block: string): Shown[] {
  const shown: Shown[] = [];
  let current: Shown | undefined;
  let open = false;
  for (const line of block.split('\n')) {
    if (current && open) {
      current.command += `\n${line}`;
    } else if (line.startsWith('$ ')) {
      current = { command: line.slice(2), output: [] };
      shown.push(current);
    } else if (current && line.trim() !== '' && !line.startsWith('#')) {
      current.output.push(line.replace(/\s+# .*$/, '').trim());
    }
    if (current) open = current.command.endsWith('\\') || (current.command.split("'").length - 1) % 2 === 1;
  }
  return shown;
}

/** A shown JSON answer (lines joined) as a pattern: `…`, instants, ids and digests match anything. */
function answerPattern(lines: string[]): RegExp {
  const text = lines
    .join('')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '…')
    .replace(/ev-[0-9a-z]{12}-[0-9a-f]{10}/g, '…')
    .replace(/"factsDigest":"[0-9a-f]+…"/g, '"factsDigest":"…"')
    .replace(/\s*…\s*/g, '…');
  return new RegExp(
    `^${text
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*')}\\s*$`,
  );
}

describe('README: the curl session and the impact report, against a running service', () => {
  let workspace: string;
  let service: ChildProcess;
  let port = 0;
  beforeAll(async () => {
    ensureBuilt();
    workspace = mkdtempSync(join(tmpdir(), 'kaohe-readme-curl-'));
    for (const dir of ['rules', 'examples', 'test', 'schemas', 'templates'])
      symlinkSync(join(ROOT, dir), join(workspace, dir));
    spawnSync('mkdir', [join(workspace, 'rules-2019')]);
    for (const [path, text] of Object.entries(workedRevision()))
      writeFileSync(join(workspace, 'rules-2019', path), text);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(workspace, 'data'),
    };
    delete env.MONGODB_URI;
    delete env.API_KEYS_FILE;
    delete env.KAOHE_API_KEYS;
    service = spawn(process.execPath, [BIN, 'serve'], {
      cwd: workspace,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    port = await new Promise<number>((done, fail) => {
      let log = '';
      service.stdout?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const url = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(log);
        if (url) done(Number(url[1]));
      });
      service.once('exit', (code) => fail(new Error(`kaohe serve exited (${code}):\n${log}`)));
    });
  }, 120_000);
  afterAll(() => {
    service?.kill('SIGTERM');
  });

  const curl = /### A curl session[\s\S]*?```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
  const impact = /### A worked revision[\s\S]*?```\n(\$ files=[\s\S]*?)```/.exec(README)?.[1] ?? '';
  const steps = [...session(curl), ...session(impact)];

  it('finds the session: healthz, two loads, facts, evaluations, a verdict, a replay, the impact', () => {
    expect(steps.map((s) => s.command.split(/[\s'?]/).find((w) => /\/(healthz|v1)|^load$/.test(w)))).toEqual([
      'localhost:3000/healthz',
      'load',
      'load',
      'localhost:3000/v1/facts',
      'localhost:3000/v1/evaluations',
      'localhost:3000/v1/verdicts/return-to-unit',
      'localhost:3000/v1/facts',
      'localhost:3000/v1/evaluations',
      'localhost:3000/v1/evaluations/ev-0mx5gud4e000-fe1ff44c2f/replay',
      'localhost:3000/v1/facts',
      undefined,
      'localhost:3000/v1/rulesets/impact',
    ]);
  });

  it('every command answers what the README shows', () => {
    let firstEvaluation = '';
    let prefix = '';
    for (const { command, output } of steps) {
      let line = command
        .replaceAll(':3000', `:${port}`)
        .replace(/^npx kaohe load$/, `npx kaohe load --url http://127.0.0.1:${port}`);
      if (firstEvaluation) line = line.replace(/ev-[0-9a-z]{12}-[0-9a-f]{10}/, firstEvaluation);
      if (line.startsWith('files=')) {
        prefix = `${line}\n`;
        continue;
      }
      const r = spawnSync(
        'bash',
        ['-c', `npx() { [ "$1" = kaohe ] && shift; node ${JSON.stringify(BIN)} "$@"; }\n${prefix}${line}`],
        {
          cwd: workspace,
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const actual = `${r.stdout}${r.stderr}`;
      if (!firstEvaluation && line.includes('/v1/evaluations'))
        firstEvaluation = /"id":"(ev-[^"]+)"/.exec(actual)?.[1] ?? '';
      const shown = output.map((l) => l.replaceAll(':3000', `:${port}`));
      expect(actual, `$ ${command}`).toMatch(answerPattern(shown));
    }
  }, 300_000);
});
