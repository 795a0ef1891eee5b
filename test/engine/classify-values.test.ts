// The classifier finds a fact's matches by its field values (a tree of Maps, no signature string)
// once the signature has been classified. Whatever the order facts come in, what it answers must
// be what the signature's memo holds, and nothing before that signature is classified.
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../src/engine/classify.js';
import { Parameters } from '../../src/engine/params.js';
import { installKinds } from '../../src/kinds/index.js';
import type { Fact } from '../../src/model/fact.js';
import { edits, loadEdited, replace } from '../loader/helpers.js';

installKinds();

// Findings looked at through two fields (code, then minutes) with no parameter: the tree has two
// levels of values under the subject kind.
const ruleSet = loadEdited(
  edits(
    replace(
      'a05-1-code-of-conduct.yaml',
      '    codes:\n      late: points.finding.late',
      `    when: { any: [{ fact: code, operator: notEqual, value: late }, { fact: minutes, operator: greaterThanInclusive, value: 30 }] }
    codes:
      late: points.finding.late`,
    ),
  ),
);

const values: Record<string, unknown>[] = [
  { code: 'late', minutes: 45 },
  { code: 'late', minutes: 5 },
  { code: 'late', minutes: '45' },
  { code: 'late' },
  { code: 'late', minutes: null },
  { code: 'late', minutes: 30 },
  { code: 'late', minutes: { value: 45 } },
  { code: 'smoking', minutes: 5 },
  { code: 'smoking' },
  { code: ['late'] },
  {},
  { code: 'no-such-code' },
];

function facts(): Fact[] {
  const out: Fact[] = [];
  for (const kind of ['staff', 'window'])
    for (const type of ['finding', 'complaint', 'publicity'])
      for (const [i, data] of values.entries())
        out.push({
          id: `${kind}-${type}-${i}`,
          type,
          subject: { kind, id: 'X1' },
          occurredOn: '2018-03-01',
          data: { ...data, substantiated: i % 2 === 0, kind: i % 3 === 0 ? 'article' : 'commendation' },
        } as Fact);
  return out;
}

describe('Classifier.knownFor by field values', () => {
  it('answers nothing before a signature is classified, then exactly what its memo holds, in any order', async () => {
    const all = facts();
    for (const order of [all, [...all].reverse(), all.filter((_, i) => i % 2 === 1).concat(all)]) {
      const classifier = new Classifier(ruleSet, new Parameters(ruleSet));
      for (const fact of order) {
        const memo = classifier.known(classifier.signature(fact));
        expect(classifier.knownFor(fact), `${fact.id} before its signature is known`).toEqual(memo);
        const matches = await classifier.classify(fact);
        expect(classifier.knownFor(fact), fact.id).toEqual(matches);
      }
      // Asked again after everything is classified: each fact still gets its own signature's matches.
      for (const fact of all)
        expect(classifier.knownFor(fact)).toEqual(classifier.known(classifier.signature(fact)));
    }
  });

  it('tells a late arrival of 45 minutes from one of 5, and "45" (a string) by its own signature', async () => {
    const classifier = new Classifier(ruleSet, new Parameters(ruleSet));
    const finding = (minutes: unknown): Fact =>
      ({
        id: `f-${String(minutes)}`,
        type: 'finding',
        subject: { kind: 'staff', id: 'S1' },
        occurredOn: '2018-03-01',
        data: { code: 'late', minutes },
      }) as Fact;
    for (const m of [45, 5, '45']) await classifier.classify(finding(m));
    const conduct = classifier.rules.findIndex((r) => r.id === 'conduct.attendance');
    expect(conduct).toBeGreaterThanOrEqual(0);
    expect(classifier.knownFor(finding(45))).toContain(conduct);
    expect(classifier.knownFor(finding(5))).not.toContain(conduct);
    // json-rules-engine compares "45" >= 30 as JavaScript does; the tree keeps 45 and "45" apart
    // all the same, each with its own signature's answer.
    expect(classifier.knownFor(finding('45'))).toBe(classifier.known(classifier.signature(finding('45'))));
    expect(classifier.signature(finding('45'))).not.toBe(classifier.signature(finding(45)));
  });
});
