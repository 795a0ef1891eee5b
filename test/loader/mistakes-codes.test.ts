// Broken rule files, part 3: finding codes, evaluations, rules, tags and fact types that do not fit
// the other files or the fact contract.
import { beforeAll, describe } from 'vitest';
import { at, checkMistakes, edits, ensureBuilt, replace } from './helpers.js';

beforeAll(ensureBuilt);

const CONDUCT = 'a05-1-code-of-conduct.yaml';
const STAFF = 'a08-3-1-staff-assessment.yaml';
const RETURN = 'a07-4-return-to-unit.yaml';

describe('finding codes', () => {
  checkMistakes([
    {
      name: 'an unknown finding code in a codes map, at the key',
      edit: replace(CONDUCT, '      late: points.finding.late', '      tardy: points.finding.late'),
      errors: [
        [at(CONDUCT, 'tardy'), 'unknown-code', 'finding code tardy is not defined in finding-codes.yaml'],
      ],
    },
    {
      name: 'a finding code against the wrong subject (a staff code in a window rule)',
      edit: replace(
        CONDUCT,
        '    subject: staff\n    factType: finding\n    codes: { untidy',
        '    subject: window\n    factType: finding\n    codes: { untidy',
      ),
      errors: [
        [
          at(CONDUCT, 'codes: { untidy-desk', 'untidy-desk'),
          'code-subject',
          "finding code untidy-desk is against a staff, but this rule's subject is window",
        ],
      ],
    },
    {
      name: 'a code whose provision the rule does not cite',
      edit: replace(
        'finding-codes.yaml',
        'untidy-desk: { provision: A5.1.3',
        'untidy-desk: { provision: A5.1.2',
      ),
      errors: [
        [
          at(CONDUCT, 'codes: { untidy-desk', 'untidy-desk'),
          'code-provision',
          'finding code untidy-desk breaches A5.1.2, which this rule does not cite',
        ],
      ],
    },
    {
      name: 'a code priced twice (by two rules), at the second',
      edit: edits(
        replace(CONDUCT, 'provisions: [A5.1.8, A3]', 'provisions: [A5.1.8, A3, A5.1.1]'),
        replace(
          CONDUCT,
          '      cold-attitude: points.finding.cold-attitude\n',
          '      cold-attitude: points.finding.cold-attitude\n      late: points.finding.late\n',
        ),
      ),
      errors: [
        [
          at(CONDUCT, 'id: conduct.attitude', 'late: points'),
          'code-twice',
          'finding code late is already priced by rule conduct.attendance: it would count twice',
        ],
      ],
    },
    {
      name: 'a finding code against a subject kind the fact contract has no findings for',
      edit: replace(
        'finding-codes.yaml',
        'untidy-desk: { provision: A5.1.3, subject: staff',
        'untidy-desk: { provision: A5.1.3, subject: department',
      ),
      errors: [
        [
          at(CONDUCT, 'codes: { untidy-desk', 'untidy-desk'),
          'code-subject',
          'finding code untidy-desk is against a department',
        ],
        [
          at('finding-codes.yaml', 'untidy-desk: {', 'department'),
          'code-subject',
          'the fact contract does not allow a finding against a department (untidy-desk)',
        ],
      ],
    },
  ]);
});

describe('evaluations, rules, tags and fact types', () => {
  checkMistakes([
    {
      name: 'an unknown evaluation in reports',
      edit: replace(
        CONDUCT,
        'reports: [staff-half-month-attendance, staff-month-circular]',
        'reports: [staff-half-month-attendance, staff-monthly-circular]',
      ),
      errors: [
        [
          at(CONDUCT, 'staff-monthly-circular'),
          'unknown-evaluation',
          'evaluation staff-monthly-circular is not defined by any score, annual-score or report rule (did you mean staff-month-circular?)',
        ],
        // The monthly circular's columns still list the rule.
        [
          at(
            'a08-3-procedure.yaml',
            'id: procedure.staff-month-circular',
            'rule: conduct.attendance',
            'conduct.attendance',
          ),
          'not-in-report',
          'rule conduct.attendance does not report to staff-month-circular',
        ],
      ],
    },
    {
      name: 'a score whose ranking names a tiers rule',
      edit: replace(STAFF, 'ranking: staff.quarter-ranking', 'ranking: staff.tiers'),
      errors: [
        [
          at(STAFF, 'ranking: staff.tiers', 'staff.tiers'),
          'wrong-rule-kind',
          'rule staff.tiers is a tiers rule, a ranking rule is needed here',
        ],
      ],
    },
    {
      name: 'a condition whose when uses a fact that is not one of its measures',
      edit: replace(RETURN, '{ fact: sanctions, operator', '{ fact: sanctionCount, operator'),
      errors: [
        [
          at(RETURN, 'sanctionCount'),
          'unknown-measure',
          "fact sanctionCount is not one of this condition's measures (sanctions)",
        ],
      ],
    },
    {
      name: 'an unknown dimension',
      edit: replace(
        CONDUCT,
        '    dimension: morality\n    area: daily-management\n    reports: [staff-month-circular]\n  - id: conduct.noon',
        '    dimension: moral\n    area: daily-management\n    reports: [staff-month-circular]\n  - id: conduct.noon',
      ),
      errors: [
        [
          at(CONDUCT, 'dimension: moral\n', 'moral'),
          'unknown-tag',
          "dimension moral is not one of ruleset.yaml's dimensions (morality, ability, diligence, performance)",
        ],
      ],
    },
    {
      name: 'an unknown area',
      edit: replace(
        'a06-e-government.yaml',
        '    area: e-government\n    reports',
        '    area: egovernment\n    reports',
      ),
      errors: [
        [
          at('a06-e-government.yaml', 'egovernment'),
          'unknown-tag',
          "area egovernment is not one of ruleset.yaml's areas",
        ],
      ],
    },
    {
      name: 'an unknown fact type in a rule',
      edit: replace(STAFF, 'factType: circulated-criticism', 'factType: circulated-critisism'),
      errors: [
        [
          at(STAFF, 'circulated-critisism'),
          'unknown-fact-type',
          'fact type circulated-critisism is not in the fact contract (did you mean circulated-criticism?)',
        ],
      ],
    },
    {
      name: 'an unknown fact type for a roster in the manifest',
      edit: replace(
        'ruleset.yaml',
        'window: { factType: roster.window,',
        'window: { factType: roster.windows,',
      ),
      errors: [
        [
          at('ruleset.yaml', 'roster.windows'),
          'unknown-fact-type',
          'fact type roster.windows is not in the fact contract',
        ],
      ],
    },
  ]);
});
