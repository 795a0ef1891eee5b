// Broken rule files, part 1: YAML syntax, duplicate keys, the files of the directory, and what the
// JSON Schemas catch. Each mistake is made in a fresh copy of rules/.
import { mkdirSync, rmSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { at, checkMistakes, edits, ensureBuilt, remove, replace, write } from './helpers.js';

beforeAll(ensureBuilt);

const CONDUCT = 'a05-1-code-of-conduct.yaml';
const PARAMS = 'parameters.yaml';
const STAFF = 'a08-3-1-staff-assessment.yaml';

describe('YAML syntax and duplicate keys', () => {
  checkMistakes([
    {
      name: 'a mapping key indented one space too far, at the key',
      edit: replace(CONDUCT, '    title: Untidy desk', '     title: Untidy desk'),
      errors: [
        [at(CONDUCT, 'title: Untidy desk'), 'yaml-syntax', 'All mapping items must start at the same column'],
      ],
    },
    {
      name: 'a mapping key indented too little, at the key',
      edit: replace(
        CONDUCT,
        '    factType: finding\n    codes: { untidy',
        '  factType: finding\n    codes: { untidy',
      ),
      errors: [
        [
          at(CONDUCT, 'factType: finding\n    codes: { untidy'),
          'yaml-syntax',
          'must start at the same column',
        ],
      ],
    },
    {
      name: 'an unclosed double quote, where it opens (not at the end of the file)',
      cli: true,
      edit: replace('ruleset.yaml', 'version: "2018.2"', 'version: "2018.2'),
      errors: [[at('ruleset.yaml', 'version: "2018.2', '"'), 'yaml-syntax', 'Missing closing "quote']],
    },
    {
      name: 'an unclosed flow sequence, at its [',
      edit: replace(CONDUCT, 'provisions: [A5.1.3]', 'provisions: [A5.1.3'),
      errors: [[at(CONDUCT, 'provisions: [A5.1.3', '['), 'yaml-syntax', 'end with a ]']],
    },
    {
      name: 'an unclosed flow mapping, at its {',
      edit: replace('finding-codes.yaml', 'zh: 迟到, en: late arrival }', 'zh: 迟到, en: late arrival'),
      errors: [[at('finding-codes.yaml', 'late: { provision', '{'), 'yaml-syntax', 'end with a }']],
    },
    {
      name: 'a duplicate key in a block mapping (a rule with two subjects), at the second',
      edit: replace(
        CONDUCT,
        '    factType: finding\n    codes: { untidy',
        '    factType: finding\n    subject: window\n    codes: { untidy',
      ),
      errors: [
        [
          at(CONDUCT, 'subject: window'),
          'duplicate-key',
          'duplicate key subject: a key may appear only once',
        ],
      ],
    },
    {
      name: 'a duplicate key in a flow mapping',
      edit: replace(
        'finding-codes.yaml',
        'smoking: { provision: A5.1.7, subject: staff,',
        'smoking: { provision: A5.1.7, subject: staff, subject: window,',
      ),
      errors: [
        [
          at('finding-codes.yaml', 'subject: staff, subject: window', 'subject: window'),
          'duplicate-key',
          'duplicate key subject',
        ],
      ],
    },
    {
      name: 'the same date twice in a parameter history',
      edit: replace(PARAMS, '      "2018-01-01": 6\n', '      "2018-01-01": 6\n      "2018-01-01": 5\n'),
      errors: [
        [
          at(PARAMS, 'ranking.bottomGroupSize:', '"2018-01-01": 5'),
          'duplicate-key',
          'duplicate key "2018-01-01"',
        ],
      ],
    },
  ]);
});

describe('the files of a rule set', () => {
  checkMistakes([
    {
      name: 'an unknown kind: of file, at the kind',
      edit: replace('a03-principles.yaml', 'kind: rules', 'kind: rule'),
      errors: [
        [
          at('a03-principles.yaml', 'kind: rule\n', 'rule'),
          'unknown-file-kind',
          'kind must be one of ruleset, provisions, parameters, finding-codes, fact-types, rules (got "rule")',
        ],
      ],
    },
    {
      name: 'a mapping with no kind: at all',
      edit: write('notes.yaml', 'title: notes about the rules\n'),
      errors: [['rules/notes.yaml:1:1', 'unknown-file-kind', 'kind must be one of ruleset, provisions']],
    },
    {
      name: 'no manifest (ruleset.yaml deleted)',
      cli: true,
      edit: remove('ruleset.yaml'),
      errors: [['rules/:1:1', 'missing-file', 'missing a file with kind: ruleset']],
    },
    {
      name: 'two manifests, at the kind of the second',
      edit: write('zz-ruleset-2019.yaml', 'kind: ruleset\nid: dongying-centre-measures-2019\n'),
      errors: [
        [
          'rules/zz-ruleset-2019.yaml:1:7',
          'duplicate-file-kind',
          'a rule set has one file of kind ruleset; rules/ruleset.yaml is one already',
        ],
      ],
    },
    {
      name: 'an empty rules directory: one error, not one per missing file',
      cli: true,
      edit: (dir) => {
        rmSync(dir, { recursive: true });
        mkdirSync(dir);
      },
      errors: [['rules/:1:1', 'no-rule-files', 'no .yaml rule files in this directory']],
    },
    {
      name: 'a file that is a plain scalar, not a mapping',
      edit: write('notes.yaml', 'just some notes about the rules\n'),
      errors: [
        [
          'rules/notes.yaml:1:1',
          'not-a-mapping',
          'a rule file must be a YAML mapping starting with kind: (ruleset, provisions, parameters, finding-codes, fact-types, rules); this is a string',
        ],
      ],
    },
    {
      name: 'a file that is a YAML list',
      edit: write('list.yaml', '- kind: rules\n'),
      errors: [['rules/list.yaml:1:1', 'not-a-mapping', 'this is a list']],
    },
    {
      name: 'a binary file with a .yaml name',
      cli: true,
      edit: write(
        'logo.yaml',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x00]),
      ),
      errors: [
        ['rules/logo.yaml:1:1', 'not-text', 'not a UTF-8 text file (binary data or another encoding)'],
      ],
    },
    {
      name: 'a file in another encoding (GBK), at the first byte that is not UTF-8',
      edit: write(
        'gbk.yaml',
        Buffer.concat([
          Buffer.from('kind: rules\nrules:\n  - id: x\n    text: '),
          Buffer.from([0xb3, 0xd9, 0xb5, 0xbd]),
        ]),
      ),
      errors: [['rules/gbk.yaml:4:11', 'not-text', 'not a UTF-8 text file']],
    },
  ]);
});

describe('what the schemas catch', () => {
  checkMistakes([
    {
      name: 'an unknown rule kind, at the kind',
      edit: replace(
        CONDUCT,
        '    kind: fact-points\n    provisions: [A5.1.3]',
        '    kind: fact-point\n    provisions: [A5.1.3]',
      ),
      errors: [
        [
          at(CONDUCT, 'kind: fact-point\n', 'fact-point'),
          'schema',
          '].kind: must be one of principle, fact-points, measure',
        ],
      ],
    },
    {
      name: 'a rule without text, at the rule',
      edit: replace(CONDUCT, '    text: 办公桌面物品摆放要整齐、整洁，不得摆放与工作无关的物品；\n', ''),
      errors: [[at(CONDUCT, 'id: conduct.desk'), 'schema', '].text: required field is missing']],
    },
    {
      name: 'a typo in a field name (provison), at the key',
      edit: replace(CONDUCT, '    provisions: [A5.1.3]', '    provison: [A5.1.3]'),
      errors: [
        [at(CONDUCT, 'id: conduct.desk'), 'schema', '].provisions: required field is missing'],
        [at(CONDUCT, 'provison:'), 'schema', '].provison: unknown field; allowed: id, provisions, title'],
      ],
    },
    {
      name: 'points: 3 instead of a parameter name, at the value',
      edit: replace('a08-3-1-staff-assessment.yaml', 'points: points.circulatedCriticism', 'points: 3'),
      errors: [
        [
          at('a08-3-1-staff-assessment.yaml', 'points: 3', '3'),
          'schema',
          '].points: must be a string (got 3); expected the name of a parameter of parameters.yaml',
        ],
      ],
    },
    {
      name: 'a bad date in a parameter history (2018-13-01), at that key',
      edit: replace(
        PARAMS,
        '      "2018-01-01": 80\n  tiers.staff.basicallyCompetent',
        '      "2018-01-01": 80\n      "2018-13-01": 85\n  tiers.staff.basicallyCompetent',
      ),
      errors: [
        [
          at(PARAMS, '"2018-13-01"'),
          'schema',
          'parameters.tiers.staff.competent.values.2018-13-01: must be a calendar date YYYY-MM-DD (got "2018-13-01")',
        ],
      ],
    },
    {
      name: 'a provision id of the wrong form',
      edit: replace(CONDUCT, 'provisions: [A5.1.9]', 'provisions: [5.1.9]'),
      errors: [[at(CONDUCT, '[5.1.9]', '5.1.9'), 'schema', '].provisions[0]: invalid form (got "5.1.9")']],
    },
  ]);
});

describe('several mistakes at once', () => {
  checkMistakes([
    {
      name: 'a syntax error, an unknown field and an unknown file kind in 3 files: 3 errors, sorted by file',
      edit: edits(
        replace('ruleset.yaml', 'version: "2018.2"', 'version: "2018.2'),
        replace('a03-principles.yaml', 'kind: rules', 'kind: rule'),
        replace(
          CONDUCT,
          '    area: daily-management\n    reports: [staff-month-circular]\n  - id: conduct.posture',
          '    area: daily-management\n    report: [staff-month-circular]\n  - id: conduct.posture',
        ),
      ),
      errors: [
        [at('a03-principles.yaml', 'kind: rule\n', 'rule'), 'unknown-file-kind', 'kind must be one of'],
        [at(CONDUCT, 'report: [staff'), 'schema', '].report: unknown field'],
        [at('ruleset.yaml', 'version: "2018.2', '"'), 'yaml-syntax', 'Missing closing "quote'],
      ],
    },
    {
      name: 'a syntax error in one file does not hide the semantic errors of the others',
      cli: true,
      edit: edits(
        replace('ruleset.yaml', 'version: "2018.2"', 'version: "2018.2'),
        replace(PARAMS, '      "2018-01-01": 6\n', '      "2019-01-01": 5\n      "2018-01-01": 6\n'),
        replace('a05-2-security.yaml', 'id: security.equipment-moved', 'id: conduct.desk'),
        replace(STAFF, 'base: staff.baseScore', 'base: staff.base'),
      ),
      errors: [
        [
          at('a05-2-security.yaml', 'id: conduct.desk', 'conduct.desk'),
          'duplicate-rule-id',
          'rule id conduct.desk',
        ],
        [at(STAFF, 'base: staff.base\n', 'staff.base'), 'unknown-parameter', 'parameter staff.base'],
        [
          at('a08-3-procedure.yaml', '{ rule: security.equipment-moved }', 'security.equipment-moved'),
          'unknown-rule',
          'rule security.equipment-moved does not exist',
        ],
        [
          at(PARAMS, 'ranking.bottomGroupSize:', '"2018-01-01"'),
          'history-order',
          'the value from 2018-01-01 must come before the one from 2019-01-01',
        ],
        [at('ruleset.yaml', 'version: "2018.2', '"'), 'yaml-syntax', 'Missing closing "quote'],
      ],
    },
    {
      name: 'a file of unknown kind holds back only findings of absence, not a history out of order',
      edit: edits(
        replace('a03-principles.yaml', 'kind: rules', 'kind: rule'),
        replace(PARAMS, '      "2018-01-01": 6\n', '      "2019-01-01": 5\n      "2018-01-01": 6\n'),
      ),
      errors: [
        [at('a03-principles.yaml', 'kind: rule\n', 'rule'), 'unknown-file-kind', 'kind must be one of'],
        [
          at(PARAMS, 'ranking.bottomGroupSize:', '"2018-01-01"'),
          'history-order',
          'the value from 2018-01-01 must come before the one from 2019-01-01',
        ],
      ],
    },
    {
      name: 'a reference into a broken file waits until that file loads (no "unknown parameter")',
      edit: edits(
        replace(PARAMS, '      "2018-01-01": 6\n', '      "2018-01-01: 6\n'),
        replace('a05-2-security.yaml', 'id: security.equipment-moved', 'id: conduct.desk'),
        replace(STAFF, 'base: staff.baseScore', 'base: staff.base'),
      ),
      errors: [
        [
          at('a05-2-security.yaml', 'id: conduct.desk', 'conduct.desk'),
          'duplicate-rule-id',
          'rule id conduct.desk',
        ],
        [
          at('a08-3-procedure.yaml', '{ rule: security.equipment-moved }', 'security.equipment-moved'),
          'unknown-rule',
          'rule security.equipment-moved does not exist',
        ],
        [at(PARAMS, '"2018-01-01: 6'), 'yaml-syntax', 'Missing closing "quote'],
      ],
    },
  ]);
});
