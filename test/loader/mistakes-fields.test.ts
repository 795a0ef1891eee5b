// No silent failures in conditions: a data field a rule names that its fact type does not have is a
// lint error at the field, with a "did you mean"; so is an envelope field that does not exist.
import { beforeAll, describe } from 'vitest';
import { at, checkMistakes, edits, ensureBuilt, replace } from './helpers.js';

beforeAll(ensureBuilt);

const STAFF = 'a08-3-1-staff-assessment.yaml';

describe('fields named by rules', () => {
  checkMistakes([
    {
      name: 'a misspelt data field in a when: at the field, with a did-you-mean',
      edit: replace(
        STAFF,
        '{ fact: substantiated, operator: equal, value: true }',
        '{ fact: substantiatd, operator: equal, value: true }',
      ),
      errors: [
        [
          at(STAFF, 'substantiatd'),
          'unknown-field',
          'fact type complaint has no data field substantiatd (did you mean substantiated?) (fields: note, substantiated)',
        ],
      ],
    },
    {
      name: 'minute for minutes, deep inside any/not',
      edit: replace(
        'a05-1-code-of-conduct.yaml',
        '    codes:\n      late: points.finding.late',
        `    when: { any: [{ not: { fact: minute, operator: greaterThan, value: 30 } }] }
    codes:
      late: points.finding.late`,
      ),
      errors: [
        [
          at('a05-1-code-of-conduct.yaml', 'fact: minute', 'minute'),
          'unknown-field',
          'fact type finding has no data field minute (did you mean minutes?) (fields: code, minutes, note)',
        ],
      ],
    },
    {
      name: 'an envelope field that does not exist',
      edit: replace(
        STAFF,
        '{ fact: substantiated, operator: equal, value: true }',
        '{ fact: envelope.sorce, operator: equal, value: onsite-patrol }',
      ),
      errors: [
        [
          at(STAFF, 'envelope.sorce'),
          'unknown-field',
          'the fact envelope has no field sorce a condition can test (source) (did you mean source?)',
        ],
      ],
    },
    {
      name: 'a measure summing a field its fact type does not have',
      edit: edits(replace(STAFF, 'field: overdue', 'field: overdu')),
      errors: [
        [
          at(STAFF, 'field: overdu', 'overdu'),
          'unknown-field',
          'fact type cases has no data field overdu (did you mean overdue?)',
        ],
      ],
    },
  ]);
});

describe('parameters in force', () => {
  checkMistakes([
    {
      name: 'a parameter whose history starts after effective.from, at its first date',
      edit: replace(
        'parameters.yaml',
        'most bonus points a staff member can earn in a quarter }\n    provisions: [A8.3.1.3]\n    unit: points\n    values:\n      "2018-01-01": 5',
        'most bonus points a staff member can earn in a quarter }\n    provisions: [A8.3.1.3]\n    unit: points\n    values:\n      "2018-03-01": 5',
      ),
      errors: [
        [
          at('parameters.yaml', '"2018-03-01": 5'),
          'parameter-not-in-force',
          "parameter staff.bonusCap has no value on 2018-01-01, the rule set's effective.from (its history starts 2018-03-01)",
        ],
      ],
    },
  ]);
});
