// A rule whose `when` looks only at the fact envelope (here `source`) must be decided per fact:
// the classifier's shortcut for types "no condition looks into" once reused the first fact's
// matches for every fact of the type, so the second criticism below was silently not counted.
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { StoredFact } from '../../src/model/fact.js';
import { edits, loadEdited, replace } from '../loader/helpers.js';

const bySourceOnly = edits(
  replace(
    'a08-3-1-staff-assessment.yaml',
    '    factType: circulated-criticism\n    points: points.circulatedCriticism',
    `    factType: circulated-criticism
    when: { fact: envelope.source, operator: equal, value: supervisory-organ }
    points: points.circulatedCriticism`,
  ),
);

const roster: StoredFact = {
  id: 'r-S001',
  type: 'roster.staff',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn: '2017-06-01',
  recordedAt: '',
  data: { name: '测试', window: 'W01', dispatchingUnit: '单位', joinedOn: '2017-06-01' },
};
const criticism = (id: string, occurredOn: string, source: string): StoredFact =>
  ({
    id,
    type: 'circulated-criticism',
    subject: { kind: 'staff', id: 'S001' },
    occurredOn,
    source,
    recordedAt: '',
    data: { organ: '区纪委' },
  }) as StoredFact;

describe('a when on the envelope alone', () => {
  it.each([
    ['the non-matching fact first', ['import', 'supervisory-organ']],
    ['the matching fact first', ['supervisory-organ', 'import']],
  ])('is decided for each fact (%s)', async (_, sources) => {
    const ctx = await new Evaluator(loadEdited(bySourceOnly)).context([
      roster,
      criticism('c1', '2018-02-05', sources[0] as string),
      criticism('c2', '2018-02-06', sources[1] as string),
    ]);
    const result = ctx.evaluate('staff-quarter', '2018-Q1').results[0];
    const counted = result?.items
      .filter((i) => i.rule === 'staff.circulated-criticism')
      .flatMap((i) => i.factIds);
    const expected = sources[0] === 'supervisory-organ' ? ['c1'] : ['c2'];
    expect(counted).toEqual(expected);
  });
});
