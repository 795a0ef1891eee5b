// The CLI as a new user meets it: a date no rule set covers, a facts file that is not there, a
// misspelt command. Each says what is wrong in words and exits 1 (input) or 2 (usage), never 70.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyRules, ensureBuilt, kaohe, ROOT } from '../loader/helpers.js';

beforeAll(ensureBuilt);

/** A one-fact NDJSON file beside a copy of rules/ (the checks below come before any evaluation). */
function workspace(): string {
  const { root } = copyRules();
  const roster = {
    id: 'f-roster-S001',
    type: 'roster.staff',
    subject: { kind: 'staff', id: 'S001' },
    occurredOn: '2018-01-01',
    source: 'import',
    data: {
      name: '张军',
      window: 'W01',
      dispatchingUnit: '区不动产登记中心',
      joinedOn: '2016-04-01',
      category: 'civil-servant',
    },
  };
  writeFileSync(join(root, 'facts.ndjson'), `${JSON.stringify(roster)}\n`);
  return root;
}

const NOT_IN_FORCE = (date: string) =>
  `kaohe: no rule set is in force on ${date}: rules holds dongying-centre-measures version 2018.2, effective from 2018-01-01\n`;

describe('a date before the rule set is in force', () => {
  it('kaohe evaluate --period 2017-Q4: the service’s reason (no rule set in force), exit 1', () => {
    const r = kaohe(
      workspace(),
      'evaluate',
      '--kind',
      'staff-quarter',
      '--period',
      '2017-Q4',
      '--facts',
      'facts.ndjson',
    );
    expect(r.stderr).toBe(NOT_IN_FORCE('2017-10-01'));
    expect(r.status).toBe(1);
  });

  it('kaohe verdict --date 2017-06-01: the same reason, exit 1', () => {
    const r = kaohe(
      workspace(),
      'verdict',
      '--staff',
      'S001',
      '--date',
      '2017-06-01',
      '--facts',
      'facts.ndjson',
    );
    expect(r.stderr).toBe(NOT_IN_FORCE('2017-06-01'));
    expect(r.status).toBe(1);
  });

  it('kaohe compare over 2017-Q4: the same reason, exit 1', () => {
    const r = kaohe(
      workspace(),
      ...[
        'compare',
        '--revision',
        'rules',
        '--kind',
        'staff-quarter',
        '--period',
        '2017-Q4',
        '--facts',
        'facts.ndjson',
      ],
    );
    expect(r.stderr).toBe(NOT_IN_FORCE('2017-10-01'));
    expect(r.status).toBe(1);
  });

  it('a date inside the effective range still evaluates (exit 0)', () => {
    const r = kaohe(
      workspace(),
      'verdict',
      '--staff',
      'S001',
      '--date',
      '2018-06-01',
      '--facts',
      'facts.ndjson',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^return-to-unit staff:S001 on 2018-06-01: no/);
  });
});

describe('a --facts file that does not exist', () => {
  it('says the file does not exist, not "1 invalid fact line(s)" with an errno; exit 1', () => {
    const r = kaohe(
      workspace(),
      'evaluate',
      '--kind',
      'staff-quarter',
      '--period',
      '2018-Q1',
      '--facts',
      'nope.ndjson',
    );
    expect(r.stderr).toBe('kaohe: the facts file nope.ndjson does not exist; nothing evaluated\n');
    expect(r.status).toBe(1);
  });

  it('a directory given as --facts is named as such', () => {
    const r = kaohe(workspace(), 'verdict', '--staff', 'S001', '--date', '2018-06-01', '--facts', 'rules');
    expect(r.stderr).toBe(
      'kaohe: the facts file rules is a directory, not an NDJSON file; nothing evaluated\n',
    );
    expect(r.status).toBe(1);
  });
});

describe('an unknown command', () => {
  it('suggests the nearest command: evalute → evaluate; exit 2', () => {
    const r = kaohe(ROOT, 'evalute');
    expect(r.stderr.split('\n')[0]).toBe('kaohe: unknown command "evalute" (did you mean evaluate?)');
    expect(r.status).toBe(2);
  });

  it('suggests nothing for a word far from every command', () => {
    const r = kaohe(ROOT, 'frobnicate');
    expect(r.stderr.split('\n')[0]).toBe('kaohe: unknown command "frobnicate"');
    expect(r.status).toBe(2);
  });
});
