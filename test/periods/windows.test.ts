import { describe, expect, it } from 'vitest';
import {
  beforeSameDateMonthsLater,
  daysOverlap,
  PeriodError,
  parsePeriod,
  sameCalendarYear,
  withinMonths,
} from '../../src/periods/index.js';

describe('daysOverlap', () => {
  it('counts the days of the period inside a closed range', () => {
    expect(daysOverlap('2018-Q1', '2018-01-01', '2018-03-31')).toBe(90);
    expect(daysOverlap('2018-Q1', '2018-03-02', '2018-03-31')).toBe(30);
    expect(daysOverlap('2018-Q1', '2018-03-02', '2018-03-02')).toBe(1);
    expect(daysOverlap('2018-Q1', '2017-06-01', '2018-01-01')).toBe(1);
    expect(daysOverlap('2018-Q1', '2018-04-01', '2018-06-01')).toBe(0);
    expect(daysOverlap('2018-Q1', '2017-01-01', '2017-12-31')).toBe(0);
    expect(daysOverlap('2018-Q1', '2018-03-10', '2018-02-10')).toBe(0);
  });

  it('treats an undefined bound as open', () => {
    expect(daysOverlap('2018-Q1', '2018-03-02', undefined)).toBe(30);
    expect(daysOverlap('2018-Q1', '2018-03-02')).toBe(30);
    expect(daysOverlap('2018-Q1', '2016-03-02')).toBe(90);
    expect(daysOverlap('2018-Q1', undefined, '2018-01-30')).toBe(30);
    expect(daysOverlap('2018-Q1', undefined, undefined)).toBe(90);
    expect(daysOverlap('2018-Q1', '2019-01-01')).toBe(0);
    expect(daysOverlap('2020-Q1', undefined)).toBe(91);
    expect(daysOverlap('2020-02-H2', '2020-02-20')).toBe(10);
  });

  it('accepts Periods and rejects bad input', () => {
    const q = parsePeriod('2018-Q2');
    expect(q && daysOverlap(q, '2018-06-01')).toBe(30);
    expect(() => daysOverlap('2018-Q5', '2018-01-01')).toThrow(PeriodError);
    expect(() => daysOverlap('2018-Q1', '2018-02-31')).toThrow(PeriodError);
  });
});

describe('withinMonths', () => {
  it.each([
    ['2018-Q1', '2018-Q4', 12, true],
    ['2018-Q1', '2019-Q1', 12, false],
    ['2018-Q4', '2019-Q1', 12, true],
    ['2018-Q2', '2019-Q1', 12, true],
    ['2018-Q2', '2019-Q2', 12, false],
    ['2018-Q4', '2018-Q1', 12, true],
    ['2019-Q1', '2018-Q1', 12, false],
    ['2018-Q1', '2018-Q1', 3, true],
    ['2018-Q1', '2018-Q2', 3, false],
    ['2018-Q1', '2018-Q2', 6, true],
    ['2018-01', '2018-12', 12, true],
    ['2018-01', '2019-01', 12, false],
    ['2018-02', '2019-01', 12, true],
    ['2018-01-H2', '2019-01-H1', 12, true],
    ['2018-01-H2', '2019-01-H2', 12, false],
    ['2018', '2018', 12, true],
    ['2018', '2019', 12, false],
    ['2018', '2019', 24, true],
    ['2018-Q1', '2018-12', 12, true],
  ] as const)('%s & %s within %i months → %s', (a, b, months, expected) => {
    expect(withinMonths(a, b, months)).toBe(expected);
  });

  it('means at most 3 quarters apart with 12 months', () => {
    const quarters = ['2017-Q3', '2017-Q4', '2018-Q1', '2018-Q2', '2018-Q3', '2018-Q4', '2019-Q1'];
    for (let i = 0; i < quarters.length; i++) {
      for (let j = i; j < quarters.length; j++) {
        expect(withinMonths(quarters[i] ?? '', quarters[j] ?? '', 12)).toBe(j - i <= 3);
      }
    }
  });
});

describe('beforeSameDateMonthsLater', () => {
  it.each([
    ['2018-03-10', '2019-03-09', 12, true],
    ['2018-03-10', '2019-03-10', 12, false],
    ['2018-03-10', '2018-03-10', 12, true],
    ['2020-02-29', '2021-02-28', 12, true],
    ['2020-02-29', '2021-03-01', 12, false],
    ['2019-02-28', '2020-02-27', 12, true],
    ['2019-02-28', '2020-02-28', 12, false],
    ['2018-01-31', '2018-02-28', 1, true],
    ['2018-01-31', '2018-03-01', 1, false],
  ] as const)('%s then %s within %i months → %s', (a, b, months, expected) => {
    expect(beforeSameDateMonthsLater(a, b, months)).toBe(expected);
  });

  it('validates both dates', () => {
    expect(() => beforeSameDateMonthsLater('2018-01-01', '2018-1-5', 12)).toThrow(PeriodError);
    expect(() => beforeSameDateMonthsLater('2018-02-29', '2018-03-05', 12)).toThrow(PeriodError);
  });
});

describe('sameCalendarYear', () => {
  it('compares dates, period ids and Periods', () => {
    expect(sameCalendarYear('2018-01-01', '2018-12-31')).toBe(true);
    expect(sameCalendarYear('2018-12-31', '2019-01-01')).toBe(false);
    expect(sameCalendarYear('2018-Q1', '2018-Q4')).toBe(true);
    expect(sameCalendarYear('2018-Q4', '2019-Q1')).toBe(false);
    expect(sameCalendarYear('2018', '2018-06-H2')).toBe(true);
    expect(sameCalendarYear('2018-Q3', '2018-08-08')).toBe(true);
    const p = parsePeriod('2019-03');
    expect(p && sameCalendarYear(p, '2019')).toBe(true);
  });

  it('rejects strings that are neither', () => {
    expect(() => sameCalendarYear('2018-13', '2018')).toThrow(/YYYY-MM-DD.*YYYY-Qn/);
  });
});
