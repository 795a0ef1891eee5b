// Broken rule files, part 4: parameter histories, allowed values and tier bounds.
import { beforeAll, describe } from 'vitest';
import { at, checkMistakes, ensureBuilt, replace } from './helpers.js';

beforeAll(ensureBuilt);

const STAFF = 'a08-3-1-staff-assessment.yaml';
const PARAMS = 'parameters.yaml';
const COMPETENT = '      "2018-01-01": 80\n  tiers.staff.basicallyCompetent';
const COMPETENT_MIN = at(STAFF, 'min: tiers.staff.competent', 'tiers.staff.competent');

describe('parameter histories and values', () => {
  checkMistakes([
    {
      name: 'a history out of date order, at the later key',
      edit: replace(PARAMS, '      "2018-01-01": 6\n', '      "2019-01-01": 5\n      "2018-01-01": 6\n'),
      errors: [
        [
          at(PARAMS, 'ranking.bottomGroupSize:', '"2018-01-01"'),
          'history-order',
          'parameter ranking.bottomGroupSize: the value from 2018-01-01 must come before the one from 2019-01-01',
        ],
      ],
    },
    {
      name: 'a value that is not in allowed, at the value',
      edit: replace(PARAMS, '"2018-01-01": include-all', '"2018-01-01": include-some'),
      errors: [
        [
          at(PARAMS, 'include-some'),
          'value-not-allowed',
          'parameter ranking.tiesAtCut: "include-some" is not one of the allowed values "include-all", "exclude-all"',
        ],
      ],
    },
    {
      name: 'a later value that is not in allowed',
      edit: replace(
        PARAMS,
        '      "2018-01-01": rolling\n',
        '      "2018-01-01": rolling\n      "2019-01-01": yearly\n',
      ),
      errors: [
        [
          at(PARAMS, '"2019-01-01": yearly', 'yearly'),
          'value-not-allowed',
          'parameter interpretation.withinOneYear: "yearly" is not one of the allowed values',
        ],
      ],
    },
    {
      name: 'a history mixing numbers and strings, at the odd value',
      edit: replace(PARAMS, '      "2018-01-01": 6\n', '      "2018-01-01": 6\n      "2019-01-01": six\n'),
      errors: [
        [
          at(PARAMS, '"2019-01-01": six', 'six'),
          'mixed-types',
          'parameter ranking.bottomGroupSize: all values must have one type (found number and string)',
        ],
      ],
    },
    {
      name: 'a string parameter where a number is needed',
      edit: replace(STAFF, 'base: staff.baseScore', 'base: ranking.tiesAtCut'),
      errors: [
        [
          at(STAFF, 'base: ranking.tiesAtCut', 'ranking.tiesAtCut'),
          'parameter-type',
          'parameter ranking.tiesAtCut holds a string, but a number is needed here',
        ],
      ],
    },
  ]);
});

describe('tier bounds', () => {
  checkMistakes([
    {
      name: 'overlapping tiers: competent min 96 above excellent 95',
      edit: replace(PARAMS, COMPETENT, '      "2018-01-01": 96\n  tiers.staff.basicallyCompetent'),
      errors: [
        [
          COMPETENT_MIN,
          'tier-overlap',
          'tiers overlap from 2018-01-01: competent starts at 96, not below excellent (95)',
        ],
      ],
    },
    {
      name: 'tiers that only overlap from a later date of a history',
      cli: true,
      edit: replace(
        PARAMS,
        COMPETENT,
        '      "2018-01-01": 80\n      "2019-07-01": 95\n  tiers.staff.basicallyCompetent',
      ),
      errors: [
        [
          COMPETENT_MIN,
          'tier-overlap',
          'tiers overlap from 2019-07-01: competent starts at 95, not below excellent (95)',
        ],
      ],
    },
    {
      name: 'tiers that overlap from the date the tier above is lowered',
      edit: replace(
        PARAMS,
        '      "2018-01-01": 95\n  tiers.staff.competent',
        '      "2018-01-01": 95\n      "2020-01-01": 79\n  tiers.staff.competent',
      ),
      errors: [
        [
          COMPETENT_MIN,
          'tier-overlap',
          'tiers overlap from 2020-01-01: competent starts at 80, not below excellent (79)',
        ],
      ],
    },
    {
      name: 'a min on the lowest tier',
      edit: replace(STAFF, '{ id: incompetent, en:', '{ id: incompetent, min: staff.scoreFloor, en:'),
      errors: [
        [
          at(STAFF, 'min: staff.scoreFloor', 'staff.scoreFloor'),
          'tier-bounds',
          'tier incompetent is the lowest tier and takes every score below the others: remove its min',
        ],
      ],
    },
    {
      name: 'a tier above the lowest without a min, at the tier',
      edit: replace(STAFF, 'min: tiers.staff.competent, ', ''),
      errors: [
        [
          at(STAFF, '{ id: competent', '{'),
          'tier-bounds',
          'tier competent needs a min: only the last (lowest) tier has none',
        ],
      ],
    },
  ]);
});
