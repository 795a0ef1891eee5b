// A parameter read on each fact's day (a rule's points or group size, a `{param}` in its `when`)
// must have a value from the rule set's effective.from: `kaohe lint` refuses a history that starts
// later, naming the parameter and the rule that reads it. Only a finding code's pricing may start
// later (ingest refuses such findings before then); a finding stored under an earlier version whose
// scale has no value on its day makes the evaluation a 422 naming the parameter and the date, not a 500.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/model/fact.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import { forEachStore, type Harness, harness, postAll, ROOT } from '../http/support.js';
import { ensureBuilt } from '../loader/helpers.js';
import type { Files } from './revise.js';

const COUNTY_RULES = join(ROOT, 'test', 'fixtures', 'county', 'rules');

/** The county rules with one parameter's history starting on `from` instead of 2019-06-01. */
function county(version: string, parameter?: string, from?: string): Files {
  const files = Object.fromEntries(readRuleDirectory(COUNTY_RULES).files.map((f) => [f.path, f.text]));
  const edit = (path: string, a: string | RegExp, b: string) => {
    const next = (files[path] as string).replace(a, b);
    if (next === files[path]) throw new Error(`${String(a)} not found in ${path}`);
    files[path] = next;
  };
  edit('ruleset.yaml', 'version: "2019.1"', `version: "${version}"`);
  if (parameter && from) {
    const escaped = parameter.replace(/\./g, '\\.');
    edit(
      'parameters.yaml',
      new RegExp(`(\\n {2}${escaped}:\\n(?: {4}.*\\n)*? {4}values: \\{ )"2019-06-01"`),
      `$1"${from}"`,
    );
  }
  return files;
}

describe('kaohe lint: a per-fact parameter without a value from effective.from', () => {
  let root: string;
  const lint = (files: Files) => {
    const dir = mkdtempSync(join(root, 'rules-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return spawnSync(process.execPath, [join(ROOT, 'bin', 'kaohe.js'), 'lint', dir], {
      cwd: root,
      encoding: 'utf8',
    });
  };
  beforeAll(() => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'kaohe-fact-day-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a `{param}` of a when that starts later, at the parameter, naming the rule reading it', () => {
    const out = lint(county('2019.2', 'late.minMinutes', '2019-07-01'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(
      /parameters\.yaml:\d+:\d+: .*parameter late\.minMinutes has no value on 2019-06-01, the rule set's effective\.from \(its history starts 2019-07-01\), read by the rule at \S*a05-discipline\.yaml:29:\d+/,
    );
  });

  it("refuses a code-less rule's group size that starts later", () => {
    const out = lint(county('2019.2', 'lateArrivals.perAbsence', '2019-07-01'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(
      /parameters\.yaml:\d+:\d+: .*parameter lateArrivals\.perAbsence has no value on 2019-06-01.*a05-discipline\.yaml:\d+:\d+/,
    );
  });

  it("accepts a finding code's scale that starts later, and notes the days the code has no points", () => {
    const out = lint(county('2019.2', 'absence.halfDayMinutes', '2019-07-01'));
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toContain('absent-from-post has no points from 2019-06-01 until 2019-07-01');
  });
});

const roster: Fact = {
  id: 'roster-S001',
  type: 'roster.staff',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn: '2019-01-01',
  data: { name: '人员S001', window: 'W01', joinedOn: '2019-01-01' },
};
const absence = (id: string, occurredOn: string): Fact => ({
  id,
  type: 'finding',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn,
  data: { code: 'absent-from-post', minutes: 300 },
});

forEachStore('a stored finding whose scale has no value on its day', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind, { rulesDir: COUNTY_RULES });
    await postAll(h, [roster, absence('absent-june', '2019-06-10')]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('makes the evaluation a 422 naming the fact, the parameter and the date', async () => {
    const before = await h.http.post('/v1/evaluations').send({ kind: 'staff-month', period: '2019-06' });
    expect(before.status, JSON.stringify(before.body).slice(0, 300)).toBe(201);
    // A revision that has half-day minutes only from July: June's stored finding cannot be scaled.
    await h.http
      .post('/v1/rulesets')
      .send({ files: county('2019.2', 'absence.halfDayMinutes', '2019-07-01') })
      .expect(201);
    h.clock.advance(1000);
    const res = await h.http.post('/v1/evaluations').send({ kind: 'staff-month', period: '2019-06' });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422);
    expect(res.body.error.code).toBe('unpriced-fact');
    expect(res.body.error.message).toContain(
      'fact absent-june (finding code absent-from-post) on 2019-06-10 cannot be scaled in rule set 2019.2: parameter absence.halfDayMinutes has no value on 2019-06-10 (its history starts 2019-07-01)',
    );
    expect(res.body.error.details).toEqual([expect.objectContaining({ factId: 'absent-june' })]);
    // July is priced: a finding of July is accepted and evaluated.
    await postAll(h, [absence('absent-july', '2019-07-10')]);
    const july = await h.http.post('/v1/evaluations').send({ kind: 'staff-month', period: '2019-07' });
    expect(july.status, JSON.stringify(july.body).slice(0, 300)).toBe(201);
  }, 120_000);
});
