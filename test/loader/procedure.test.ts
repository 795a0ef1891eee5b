// The `procedure` rule kind: wrong steps, roles, orders, amendments and sections are file:line:col
// errors, like any other rule mistake.
import { beforeAll, describe, expect, it } from 'vitest';
import { procedureOf } from '../../src/rules/procedure.js';
import { at, checkMistakes, ensureBuilt, load, RULES, replace } from './helpers.js';

beforeAll(ensureBuilt);

const PROC = 'a08-3-procedure.yaml';

describe('the shipped procedures', () => {
  it('give every published evaluation kind its steps and roles', () => {
    const { ruleSet } = load(RULES);
    expect(ruleSet).not.toBeNull();
    const rules = ruleSet?.rules ?? [];
    const steps = (kind: string) => procedureOf(rules, kind)?.steps.map((s) => `${s.step}:${s.role}`);
    expect(steps('staff-quarter')).toEqual([
      'propose:inspector',
      'review:assessment-group',
      'publish:assessment-group',
    ]);
    expect(steps('staff-half-month-attendance')).toEqual(['propose:inspector', 'publish:inspector']);
    expect(procedureOf(rules, 'staff-year')?.steps[1]?.amendments).toEqual(['grade', 'points']);
    expect(procedureOf(rules, 'staff-month-circular')?.sections?.length).toBe(7);
  });
});

describe('procedure mistakes', () => {
  checkMistakes([
    {
      name: 'an unknown role, at the role',
      edit: replace(
        PROC,
        '      - { step: publish, role: inspector }\n    sections:\n      - zh: 迟到',
        '      - { step: publish, role: inspecter }\n    sections:\n      - zh: 迟到',
      ),
      errors: [
        [
          at(PROC, 'role: inspecter', 'inspecter'),
          'schema',
          'role: must be one of inspector, assessment-group, officer',
        ],
      ],
    },
    {
      name: 'an unknown step, at the step',
      edit: replace(
        PROC,
        '      - { step: review, role: assessment-group }\n',
        '      - { step: approve, role: assessment-group }\n',
      ),
      errors: [
        [at(PROC, 'step: approve', 'approve'), 'schema', 'step: must be one of propose, review, publish'],
      ],
    },
    {
      name: 'an unknown rule kind stays a schema error naming procedure among the kinds',
      edit: replace(
        PROC,
        'kind: procedure\n    provisions: [A8.3.1.3]',
        'kind: procedures\n    provisions: [A8.3.1.3]',
      ),
      errors: [[at(PROC, 'kind: procedures', 'procedures'), 'schema', 'procedure']],
    },
    {
      name: 'steps out of order',
      edit: replace(
        PROC,
        '      - { step: review, role: assessment-group }\n      - { step: publish, role: assessment-group }\n',
        '      - { step: publish, role: assessment-group }\n      - { step: review, role: assessment-group }\n',
      ),
      errors: [
        [
          at(PROC, 'id: procedure.staff-quarter', 'steps:', '- {'),
          'step-order',
          'steps must be propose → review → publish',
        ],
      ],
    },
    {
      name: 'an evaluation no rule defines',
      edit: replace(PROC, 'evaluation: window-year', 'evaluation: window-years'),
      errors: [
        [
          at(PROC, 'evaluation: window-years', 'window-years'),
          'unknown-evaluation',
          'evaluation window-years is not defined',
        ],
      ],
    },
    {
      name: 'grade amendments where the evaluation has no decision rule',
      edit: replace(
        PROC,
        '      - { step: review, role: assessment-group }\n',
        '      - { step: review, role: assessment-group, amendments: [grade] }\n',
      ),
      errors: [
        [
          at(PROC, 'id: procedure.staff-quarter', 'amendments: [grade]', 'grade'),
          'amendment-kind',
          'evaluation staff-quarter has no decision rule',
        ],
      ],
    },
    {
      name: 'a circular rule left out of every section',
      edit: replace(PROC, '          - { rule: conduct.dress }\n', ''),
      errors: [
        [
          at(PROC, 'id: procedure.staff-month-circular', 'sections:', '- zh'),
          'section-missing',
          'rule conduct.dress reports to staff-month-circular but is in no section',
        ],
      ],
    },
  ]);
});
