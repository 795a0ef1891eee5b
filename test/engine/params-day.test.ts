// Parameters.atDay (the per-fact look-up by day number) answers exactly what `at` answers by date,
// for every parameter of the shipped rules on every day around each change, and fails the same way.
import { describe, expect, it } from 'vitest';
import { ParameterError, Parameters, type UsedParameters } from '../../src/engine/params.js';
import { dateOf, dayNumber } from '../../src/periods/index.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';

const { ruleSet } = loadRuleSet(readRuleDirectory('rules'));
if (!ruleSet) throw new Error('the shipped rules do not load');

function answer(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return error instanceof ParameterError ? `error: ${error.message}` : error;
  }
}

describe('Parameters.atDay', () => {
  it('equals `at` on each day around every dated value of every parameter', () => {
    const params = new Parameters(ruleSet);
    let compared = 0;
    for (const [name, param] of ruleSet.parameters) {
      for (const v of param.values) {
        const from = dayNumber(v.from);
        for (let day = from - 2; day <= from + 2; day++) {
          const date = dateOf(day);
          const used: UsedParameters = {};
          const byDay: UsedParameters = {};
          expect(
            answer(() => params.atDay(name, day, date, byDay)),
            `${name} on ${date}`,
          ).toEqual(answer(() => params.at(name, date, used)));
          expect(byDay).toEqual(used);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(ruleSet.parameters.size * 5 - 1);
  });

  it('fails before the first value as `at` does, naming the parameter and its first day', () => {
    const params = new Parameters(ruleSet);
    const [name, param] = [...ruleSet.parameters][0] as [string, { values: { from: string }[] }];
    const first = dayNumber(param.values[0]?.from ?? '');
    const date = dateOf(first - 1);
    expect(() => params.atDay(name, first - 1, date)).toThrow(/has no value on/);
    expect(() => params.atDay('no.such.parameter', first, date)).toThrow(/is not defined/);
  });

  it('an override (a history from before any calendar day) answers its value on every day', () => {
    const [name] = [...ruleSet.parameters][0] as [string, unknown];
    const params = new Parameters(ruleSet, { [name]: 7 });
    expect(params.atDay(name, dayNumber('1990-01-01'), '1990-01-01')).toBe(7);
    expect(params.atDay(name, dayNumber('2019-06-01'), '2019-06-01')).toBe(7);
  });
});
