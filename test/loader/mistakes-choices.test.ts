// Broken rule files, part 5: values the engine interprets (evaluation ids, window modes, tie
// policies) are checked on every dated value at load, so none of them can silently mean "never met".
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameters } from '../../src/engine/params.js';
import { TIE_POLICIES } from '../../src/rules/choices.js';
import { at, checkMistakes, edits, ensureBuilt, loadEdited, replace } from './helpers.js';

beforeAll(ensureBuilt);

const PARAMS = 'parameters.yaml';
const RTU = 'a07-4-return-to-unit.yaml';
const RANKED = '      "2018-01-01": staff-quarter\n';
const noAllowed = (values: string) => replace(PARAMS, `    allowed: [${values}]\n`, '');

describe('parameters the engine interprets, on every dated value', () => {
  checkMistakes([
    {
      name: 'a later value of returnToUnit.rankedEvaluation that names no evaluation',
      edit: replace(PARAMS, RANKED, `${RANKED}      "2019-01-01": staff-quartr\n`),
      errors: [
        [
          at(PARAMS, '"2019-01-01": staff-quartr', 'staff-quartr'),
          'value-not-interpretable',
          'parameter returnToUnit.rankedEvaluation: "staff-quartr" (from 2019-01-01) is not a ranked score evaluation the rule set defines',
        ],
      ],
    },
    {
      name: 'the use is named in the message, and the nearest evaluation suggested',
      edit: replace(PARAMS, RANKED, '      "2018-01-01": staff-quartr\n'),
      errors: [
        [
          at(PARAMS, 'staff-quartr'),
          'value-not-interpretable',
          (p) =>
            `(used at ${p(at(RTU, 'streak: { evaluation: { param: returnToUnit.rankedEvaluation }', 'returnToUnit.rankedEvaluation'))}; one of staff-quarter) (did you mean staff-quarter?)`,
        ],
      ],
    },
    {
      name: 'an evaluation that exists but is not ranked cannot feed a bottom-group streak',
      edit: replace(PARAMS, RANKED, `${RANKED}      "2019-07-01": staff-year\n`),
      errors: [
        [
          at(PARAMS, '"2019-07-01": staff-year', 'staff-year'),
          'value-not-interpretable',
          '"staff-year" (from 2019-07-01) is not a ranked score evaluation',
        ],
      ],
    },
    {
      name: 'a tie policy outside the engine’s set, even without `allowed`',
      edit: edits(
        noAllowed('include-all, exclude-all'),
        replace(
          PARAMS,
          '"2018-01-01": include-all\n',
          '"2018-01-01": include-all\n      "2019-01-01": include-some\n',
        ),
      ),
      errors: [
        [
          at(PARAMS, 'include-some'),
          'value-not-interpretable',
          'parameter ranking.tiesAtCut: "include-some" (from 2019-01-01) is not a tie policy',
        ],
      ],
    },
    {
      name: 'a window mode outside the engine’s set, once for both measures that use it',
      edit: edits(
        noAllowed('rolling, calendar'),
        replace(PARAMS, '"2018-01-01": rolling', '"2018-01-01": yearly'),
      ),
      errors: [
        [
          at(PARAMS, 'yearly'),
          'value-not-interpretable',
          'parameter interpretation.withinOneYear: "yearly" (from 2018-01-01) is not a window mode',
        ],
      ],
    },
    {
      name: 'a literal streak evaluation must be ranked',
      edit: replace(
        RTU,
        'streak: { evaluation: { param: returnToUnit.rankedEvaluation }, flag: bottomGroup, run: consecutive }',
        'streak: { evaluation: window-quarter, flag: bottomGroup, run: consecutive }',
      ),
      errors: [
        [
          at(RTU, 'evaluation: window-quarter', 'window-quarter'),
          'streak-evaluation',
          'a bottom-group streak needs a ranked score evaluation; window-quarter is not ranked',
        ],
      ],
    },
  ]);

  it('a valid later value loads (the check is not a blanket refusal)', () => {
    const ruleSet = loadEdited(
      noAllowed('include-all, exclude-all'),
      replace(
        PARAMS,
        '"2018-01-01": include-all\n',
        '"2018-01-01": include-all\n      "2019-01-01": exclude-all\n',
      ),
    );
    expect(ruleSet.parameters.get('ranking.tiesAtCut')?.values.map((v) => v.value)).toEqual([
      'include-all',
      'exclude-all',
    ]);
  });

  it('an override outside the set fails at evaluation instead of taking the other branch', () => {
    const ruleSet = loadEdited();
    const params = new Parameters(ruleSet, { 'ranking.tiesAtCut': 'include-some' });
    expect(() => params.choice('ranking.tiesAtCut', '2018-01-01', TIE_POLICIES)).toThrow(
      'parameter ranking.tiesAtCut is "include-some" on 2018-01-01, one of include-all, exclude-all is needed',
    );
  });
});
