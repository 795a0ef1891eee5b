// The rule-set hash covers content, not form: reformatting, reordering keys, rules and files, moving
// a rule to another file or renaming a file keeps it; changing any value changes it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type Edit, loadEdited, RULES, replace } from './helpers.js';

type Data = Record<string, unknown>;

/** Rewrites a file from its parsed data (comments and layout are lost: only content stays). */
function rewrite(file: string, render: (data: Data) => string): Edit {
  return (dir) => {
    const path = join(dir, file);
    writeFileSync(path, render(parse(readFileSync(path, 'utf8')) as Data));
  };
}

function rename(from: string, to: string): Edit {
  return (dir) => {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    renameSync(join(dir, from), join(dir, to));
  };
}

const reversedKeys = (o: Data): Data => Object.fromEntries(Object.entries(o).reverse());

const DESK_RULE = `  - id: conduct.desk
    kind: fact-points
    provisions: [A5.1.3]
    title: Untidy desk or things unrelated to work on it
    text: 办公桌面物品摆放要整齐、整洁，不得摆放与工作无关的物品；
    subject: staff
    factType: finding
    codes: { untidy-desk: points.finding.untidy-desk }
    effect: deduction
    dimension: diligence
    area: daily-management
    reports: [staff-month-circular]
`;

const original = loadEdited();

describe('the rule-set hash is stable across form', () => {
  it('is the hash of the rules/ directory itself, whatever the copy is called', () => {
    expect(original.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadEdited().hash).toBe(original.hash);
  });

  it('ignores key order, indentation, flow or block style, comments, rule order, file names and which file holds a rule', () => {
    const reformatted = loadEdited(
      // every rule's keys in reverse order, indented by 4, flow collections written as blocks
      rewrite('a07-4-return-to-unit.yaml', (d) =>
        stringify(
          { ...d, rules: (d.rules as Data[]).map(reversedKeys) },
          { indent: 4, collectionStyle: 'block' },
        ),
      ),
      // the whole file in flow style, parameters in reverse order
      rewrite('parameters.yaml', (d) =>
        stringify(
          { parameters: reversedKeys(d.parameters as Data), kind: d.kind },
          { collectionStyle: 'flow' },
        ),
      ),
      // JSON is YAML too
      rewrite('finding-codes.yaml', (d) =>
        JSON.stringify({ codes: reversedKeys(d.codes as Data), kind: d.kind }, null, 3),
      ),
      // rules of a file in reverse order
      rewrite('a03-principles.yaml', (d) =>
        stringify({ kind: d.kind, rules: [...(d.rules as Data[])].reverse() }),
      ),
      // a rule moved to another file
      replace('a05-1-code-of-conduct.yaml', DESK_RULE, ''),
      (dir) =>
        writeFileSync(
          join(dir, 'a05-2-security.yaml'),
          readFileSync(join(dir, 'a05-2-security.yaml'), 'utf8') + DESK_RULE,
        ),
      // a file renamed into a folder, with the other extension
      rename('a06-e-government.yaml', 'e-government/article-6.yml'),
      // comments, blank lines and trailing spaces
      replace(
        'provisions.yaml',
        'provisions:\n  - id: A1\n',
        '# first article\n\nprovisions:   \n\n  - id: A1   # purpose\n',
      ),
      replace('ruleset.yaml', 'version: "2018.2"', "version:     '2018.2'"),
    );
    expect(reformatted.hash).toBe(original.hash);
    expect(reformatted.rules).toEqual(original.rules);
    const appendedAt = readFileSync(join(RULES, 'a05-2-security.yaml'), 'utf8').split('\n').length;
    expect(reformatted.sources.get('conduct.desk')).toEqual({
      file: 'a05-2-security.yaml',
      line: appendedAt,
      col: 5,
    });
    expect(reformatted.sources.get('e-government.platform')?.file).toBe('e-government/article-6.yml');
  });
});

describe('the rule-set hash changes with any value', () => {
  const changes: [string, Edit][] = [
    ['the manifest version', replace('ruleset.yaml', 'version: "2018.2"', 'version: "2018.3"')],
    ['the effective date', replace('ruleset.yaml', 'from: "2018-01-01"', 'from: "2018-01-02"')],
    [
      'an area name',
      replace('ruleset.yaml', 'e-government: { zh: 电子政务', 'e-government: { zh: 电子政务管理'),
    ],
    [
      'the English gloss of a provision',
      replace('provisions.yaml', 'en: Dress code.', 'en: Dress code for window staff.'),
    ],
    ['a rule title', replace('a05-1-code-of-conduct.yaml', 'title: Dress code', 'title: Dress')],
    [
      'a rule note',
      replace('a07-4-return-to-unit.yaml', 'any one of the six conditions', 'any of the six conditions'),
    ],
    ['a rule effect', replace('a05-2-security.yaml', 'effect: liability', 'effect: record')],
    [
      'the order of the provisions a rule cites',
      replace('a05-2-security.yaml', 'provisions: [A5.2.2, A5.2.1]', 'provisions: [A5.2.1, A5.2.2]'),
    ],
    [
      'a value in a when condition',
      replace('a08-3-1-staff-assessment.yaml', 'value: article }', 'value: articles }'),
    ],
    [
      'a tier label',
      replace('a08-3-2-window-assessment.yaml', 'labels: { default: 达标 }', 'labels: { default: 合格 }'),
    ],
    ['a finding code name', replace('finding-codes.yaml', 'zh: 吸烟, en: smoking', 'zh: 抽烟, en: smoking')],
    [
      'a parameter value',
      replace(
        'parameters.yaml',
        '"2018-01-01": 0.6\n  window.onlineShare.low',
        '"2018-01-01": 0.7\n  window.onlineShare.low',
      ),
    ],
    ['a boolean parameter', replace('parameters.yaml', '"2018-01-01": true', '"2018-01-01": false')],
    [
      'the date of a parameter value',
      replace(
        'parameters.yaml',
        '"2018-01-01": 30\n  ranking.bottomGroupSize',
        '"2017-12-31": 30\n  ranking.bottomGroupSize',
      ),
    ],
    [
      'a parameter unit',
      replace(
        'parameters.yaml',
        'unit: ratio\n    values:\n      "2018-01-01": 0.6',
        'unit: share\n    values:\n      "2018-01-01": 0.6',
      ),
    ],
  ];

  it.each(changes)('%s', (_what, edit) => {
    expect(loadEdited(edit).hash).not.toBe(original.hash);
  });

  it('gives each change its own hash', () => {
    const hashes = changes.map(([, edit]) => loadEdited(edit).hash);
    expect(new Set([original.hash, ...hashes]).size).toBe(changes.length + 1);
  });
});
