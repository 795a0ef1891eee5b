import { describe, expect, it } from 'vitest';
import {
  CADENCES,
  type Cadence,
  compare,
  contains,
  nextPeriod,
  PeriodError,
  periodAt,
  periodContaining,
  periodIndex,
  periodsBetween,
  periodsWithin,
  previousPeriod,
} from '../../src/periods/index.js';

const ids = (ps: { id: string }[]) => ps.map((p) => p.id);

describe('periodContaining and contains', () => {
  it.each([
    ['2018-03-15', 'half-month', '2018-03-H1'],
    ['2018-03-16', 'half-month', '2018-03-H2'],
    ['2020-02-29', 'half-month', '2020-02-H2'],
    ['2018-03-31', 'month', '2018-03'],
    ['2018-03-31', 'quarter', '2018-Q1'],
    ['2018-04-01', 'quarter', '2018-Q2'],
    ['2018-12-31', 'quarter', '2018-Q4'],
    ['2018-12-31', 'year', '2018'],
  ] as const)('%s in %s → %s', (date, cadence, id) => {
    const p = periodContaining(date, cadence);
    expect(p.id).toBe(id);
    expect(contains(p, date)).toBe(true);
    expect(contains(id, date)).toBe(true);
  });

  it('contains is inclusive at both ends only', () => {
    expect(contains('2018-Q1', '2018-01-01')).toBe(true);
    expect(contains('2018-Q1', '2018-03-31')).toBe(true);
    expect(contains('2018-Q1', '2017-12-31')).toBe(false);
    expect(contains('2018-Q1', '2018-04-01')).toBe(false);
    expect(() => contains('2018-Q1', '2018-02-30')).toThrow(PeriodError);
    expect(() => contains('2018-Q9', '2018-02-03')).toThrow(PeriodError);
  });
});

describe('previous and next', () => {
  it.each([
    ['2018-Q4', '2019-Q1'],
    ['2018-12-H2', '2019-01-H1'],
    ['2018-12', '2019-01'],
    ['2018', '2019'],
    ['2020-02-H1', '2020-02-H2'],
    ['2020-02-H2', '2020-03-H1'],
  ])('%s → %s', (a, b) => {
    expect(nextPeriod(a).id).toBe(b);
    expect(previousPeriod(b).id).toBe(a);
  });

  it.each(CADENCES)('round-trips over several years for %s', (cadence: Cadence) => {
    let p = periodContaining('2015-01-01', cadence);
    let count = 0;
    while (p.start < '2026-01-01') {
      const next = nextPeriod(p);
      expect(next.startDay).toBe(p.endDay + 1);
      expect(previousPeriod(next)).toBe(p);
      expect(periodIndex(next)).toBe(periodIndex(p) + 1);
      expect(periodAt(cadence, periodIndex(p))).toBe(p);
      expect(compare(p, next)).toBe(-1);
      p = next;
      count++;
    }
    expect(count).toBe({ 'half-month': 264, month: 132, quarter: 44, year: 11 }[cadence]);
  });

  it('uses year * n + sub indexes', () => {
    expect(periodIndex('2018-Q1')).toBe(2018 * 4);
    expect(periodIndex('2018-Q4')).toBe(2018 * 4 + 3);
    expect(periodIndex('2018-03')).toBe(2018 * 12 + 2);
    expect(periodIndex('2018-03-H2')).toBe(2018 * 24 + 5);
    expect(periodIndex('2018')).toBe(2018);
  });

  it('stops at the supported range', () => {
    expect(() => nextPeriod('9999')).toThrow(PeriodError);
    expect(() => previousPeriod('1900-01-H1')).toThrow(PeriodError);
    expect(() => periodAt('quarter', 2018.5)).toThrow(PeriodError);
  });
});

describe('periodsBetween', () => {
  it('lists inclusively across year boundaries', () => {
    expect(ids(periodsBetween('2018-Q3', '2019-Q2'))).toEqual(['2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2']);
    expect(ids(periodsBetween('2018-12-H2', '2019-01-H2'))).toEqual([
      '2018-12-H2',
      '2019-01-H1',
      '2019-01-H2',
    ]);
    expect(ids(periodsBetween('2018', '2018'))).toEqual(['2018']);
    expect(periodsBetween('2019-Q1', '2018-Q4')).toEqual([]);
  });

  it('refuses mixed cadences', () => {
    expect(() => periodsBetween('2018-Q1', '2018-03')).toThrow(
      expect.objectContaining({ code: 'cadence-mismatch' }),
    );
  });
});

describe('periodsWithin', () => {
  it('splits into finer periods', () => {
    expect(ids(periodsWithin('2018', 'quarter'))).toEqual(['2018-Q1', '2018-Q2', '2018-Q3', '2018-Q4']);
    expect(ids(periodsWithin('2018-03', 'half-month'))).toEqual(['2018-03-H1', '2018-03-H2']);
    expect(ids(periodsWithin('2018-Q2', 'month'))).toEqual(['2018-04', '2018-05', '2018-06']);
    expect(periodsWithin('2018', 'half-month')).toHaveLength(24);
    expect(ids(periodsWithin('2018-Q2', 'quarter'))).toEqual(['2018-Q2']);
  });

  it('refuses a coarser cadence', () => {
    expect(() => periodsWithin('2018-03', 'year')).toThrow(
      expect.objectContaining({ code: 'cadence-mismatch' }),
    );
  });

  // Property: for every cadence, the periods within each year tile it with no gap or overlap.
  it.each(CADENCES)('partitions every day of each year 1990–2110 into %s periods', (cadence) => {
    for (let y = 1990; y <= 2110; y++) {
      const year = periodAt('year', y);
      const parts = periodsWithin(year, cadence);
      expect(parts.length).toBe({ 'half-month': 24, month: 12, quarter: 4, year: 1 }[cadence]);
      let day = year.startDay;
      for (const p of parts) {
        if (p.startDay !== day || p.endDay < p.startDay || p.cadence !== cadence) {
          throw new Error(`${p.id} does not continue ${year.id} at day ${day}`);
        }
        day = p.endDay + 1;
      }
      expect(day - 1).toBe(year.endDay);
      expect(year.endDay - year.startDay + 1).toBe(
        y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365,
      );
    }
  });
});

describe('compare', () => {
  it('orders by start then end', () => {
    const sorted = ['2018', '2018-Q1', '2018-01', '2018-01-H1', '2017-12-H2', '2018-01-H2'].sort(compare);
    expect(sorted).toEqual(['2017-12-H2', '2018-01-H1', '2018-01', '2018-Q1', '2018', '2018-01-H2']);
    expect(compare('2018-Q1', '2018-Q1')).toBe(0);
    expect(compare('2019-Q1', '2018-Q4')).toBe(1);
  });
});
