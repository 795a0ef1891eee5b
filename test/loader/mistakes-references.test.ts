// Broken rule files, part 2: schema-valid files whose pieces do not fit together — rule ids,
// provisions and parameters named but not defined, and several mistakes reported at once.
import { beforeAll, describe } from 'vitest';
import { at, checkMistakes, edits, ensureBuilt, replace } from './helpers.js';

beforeAll(ensureBuilt);

const CONDUCT = 'a05-1-code-of-conduct.yaml';
const STAFF = 'a08-3-1-staff-assessment.yaml';
const RETURN = 'a07-4-return-to-unit.yaml';
const PARAMS = 'parameters.yaml';
const PROC = 'a08-3-procedure.yaml';

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

describe('ids and provisions', () => {
  checkMistakes([
    {
      name: 'a rule id used in two files: at the second, naming the first place',
      edit: replace('a05-2-security.yaml', 'id: security.equipment-moved', 'id: conduct.desk'),
      errors: [
        [
          at('a05-2-security.yaml', 'id: conduct.desk', 'conduct.desk'),
          'duplicate-rule-id',
          (placeOf) =>
            `rule id conduct.desk is already used at ${placeOf(at(CONDUCT, 'id: conduct.desk', 'conduct.desk'))}`,
        ],
        // The monthly circular's columns name the renamed rule.
        [
          at(PROC, '{ rule: security.equipment-moved }', 'security.equipment-moved'),
          'unknown-rule',
          'rule security.equipment-moved does not exist',
        ],
      ],
    },
    {
      name: 'a provision that does not exist, cited by a rule',
      edit: replace(CONDUCT, 'provisions: [A5.1.8, A3]', 'provisions: [A5.1.8, A3.1]'),
      errors: [
        [at(CONDUCT, 'A3.1'), 'unknown-provision', 'provision A3.1 does not exist in provisions.yaml'],
      ],
    },
    {
      name: 'a provision that does not exist, cited by the manifest',
      edit: replace('ruleset.yaml', 'provisions: [A9]', 'provisions: [A9, A99]'),
      errors: [
        [
          at('ruleset.yaml', 'A99'),
          'unknown-provision',
          'provision A99 does not exist in provisions.yaml (did you mean A9?)',
        ],
      ],
    },
    {
      name: 'a provision that does not exist, cited by a parameter',
      edit: replace(PARAMS, 'provisions: [A7.4.6]', 'provisions: [A7.4.7]'),
      errors: [[at(PARAMS, 'A7.4.7'), 'unknown-provision', 'provision A7.4.7 does not exist']],
    },
    {
      name: 'a provision encoded by no rule (conduct.desk removed: coverage of A5.1.3)',
      edit: replace(CONDUCT, DESK_RULE, ''),
      errors: [
        [
          at(PROC, '{ rule: conduct.desk }', 'conduct.desk'),
          'unknown-rule',
          'rule conduct.desk does not exist',
        ],
        [
          at('provisions.yaml', 'id: A5.1.3', 'A5.1.3'),
          'uncovered-provision',
          'provision A5.1.3 is not encoded by any rule (coverage)',
        ],
      ],
    },
    {
      name: 'a rule text that is not the text of its provision',
      edit: replace(CONDUCT, 'text: 严禁带无关人员进入工作区；', 'text: 严禁带无关人员进入办公区；'),
      errors: [
        [at(CONDUCT, '严禁带无关人员进入办公区'), 'text-mismatch', 'text is not the original text of A5.1.2'],
      ],
    },
  ]);
});

describe('unknown parameters', () => {
  checkMistakes([
    {
      name: 'in points',
      edit: replace(STAFF, 'points: points.circulatedCriticism', 'points: points.circulatedCritisism'),
      errors: [
        [
          at(STAFF, 'points.circulatedCritisism'),
          'unknown-parameter',
          'parameter points.circulatedCritisism is not defined in parameters.yaml (did you mean points.circulatedCriticism?)',
        ],
      ],
    },
    {
      name: 'in a codes map',
      edit: replace(CONDUCT, 'late: points.finding.late', 'late: points.finding.lateness'),
      errors: [
        [at(CONDUCT, 'points.finding.lateness'), 'unknown-parameter', 'parameter points.finding.lateness'],
      ],
    },
    {
      name: 'in a score base',
      edit: replace(STAFF, 'base: staff.baseScore', 'base: staff.base'),
      errors: [
        [
          at(STAFF, 'base: staff.base\n', 'staff.base'),
          'unknown-parameter',
          'parameter staff.base is not defined',
        ],
      ],
    },
    {
      name: 'in a tier min',
      edit: replace(STAFF, 'min: tiers.staff.competent,', 'min: tiers.staff.competnt,'),
      errors: [
        [
          at(STAFF, 'tiers.staff.competnt'),
          'unknown-parameter',
          'parameter tiers.staff.competnt is not defined',
        ],
      ],
    },
    {
      name: 'in a {param: …} of a when condition',
      edit: replace(
        RETURN,
        'value: { param: returnToUnit.sanctions }',
        'value: { param: returnToUnit.sanction }',
      ),
      errors: [
        [
          at(RETURN, 'returnToUnit.sanction }'),
          'unknown-parameter',
          'parameter returnToUnit.sanction is not defined',
        ],
      ],
    },
    {
      name: 'in the months of a measure',
      edit: replace(
        RETURN,
        'months: returnToUnit.educationWindowMonths',
        'months: returnToUnit.educationMonths',
      ),
      errors: [
        [
          at(RETURN, 'returnToUnit.educationMonths'),
          'unknown-parameter',
          'parameter returnToUnit.educationMonths',
        ],
      ],
    },
  ]);
});

describe('several mistakes at once', () => {
  checkMistakes([
    {
      name: '3 mistakes in 3 files: 3 errors, sorted by file and line',
      edit: edits(
        replace(PARAMS, '      "2018-01-01": 6\n', '      "2019-01-01": 5\n      "2018-01-01": 6\n'),
        replace(STAFF, 'base: staff.baseScore', 'base: staff.base'),
        replace(CONDUCT, 'provisions: [A5.1.8, A3]', 'provisions: [A5.1.8, A3.1]'),
      ),
      errors: [
        [at(CONDUCT, 'A3.1'), 'unknown-provision', 'provision A3.1'],
        [at(STAFF, 'base: staff.base\n', 'staff.base'), 'unknown-parameter', 'parameter staff.base'],
        [
          at(PARAMS, 'ranking.bottomGroupSize:', '"2018-01-01"'),
          'history-order',
          'the value from 2018-01-01 must come before the one from 2019-01-01',
        ],
      ],
    },
    {
      name: '2 mistakes in one file, made bottom first: sorted by line',
      cli: true,
      edit: edits(
        replace(CONDUCT, 'provisions: [A5.1.8, A3]', 'provisions: [A5.1.8, A3.1]'),
        replace(CONDUCT, 'late: points.finding.late', 'late: points.finding.lateness'),
      ),
      errors: [
        [at(CONDUCT, 'points.finding.lateness'), 'unknown-parameter', 'parameter points.finding.lateness'],
        [at(CONDUCT, 'A3.1'), 'unknown-provision', 'provision A3.1'],
      ],
    },
  ]);
});
