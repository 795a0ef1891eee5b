import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOf,
  dayNumber,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidDate,
  PeriodError,
  sameDateMonthsLater,
  todayIn,
} from '../../src/periods/index.js';

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayNumber('1900-03-01') - dayNumber('1900-02-28')).toBe(1);
  });

  it('round-trips through dateOf over every day from 1900 to 2100', () => {
    const first = dayNumber('1900-01-01');
    const last = dayNumber('2100-12-31');
    expect(last - first + 1).toBe(201 * 365 + 49);
    let prev = '';
    for (let d = first; d <= last; d++) {
      const s = dateOf(d);
      expect(s > prev).toBe(true);
      if (dayNumber(s) !== d) throw new Error(`round trip failed at ${d}`);
      prev = s;
    }
  });

  it('covers the supported range and rejects days outside it', () => {
    expect(dateOf(dayNumber('9999-12-31'))).toBe('9999-12-31');
    expect(dateOf(dayNumber('1900-01-01'))).toBe('1900-01-01');
    expect(() => dateOf(dayNumber('9999-12-31') + 1)).toThrow(PeriodError);
    expect(() => dateOf(dayNumber('1900-01-01') - 1)).toThrow(PeriodError);
    expect(() => dateOf(1.5)).toThrow(PeriodError);
    expect(() => dateOf(Number.NaN)).toThrow(PeriodError);
  });
});

describe('isValidDate', () => {
  it.each(['2018-03-01', '2020-02-29', '2000-02-29', '1900-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isValidDate(s)).toBe(true);
  });

  it.each([
    '2019-02-29',
    '1900-02-29',
    '2018-04-31',
    '2018-13-01',
    '2018-00-10',
    '2018-01-00',
    '2018-1-01',
    '18-01-01',
    ' 2018-01-01',
    '2018-01-01T00:00',
    '1899-12-31',
    '2018/01/01',
    '',
  ])('rejects %j', (s) => {
    expect(isValidDate(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidDate(undefined)).toBe(false);
    expect(isValidDate(20180101)).toBe(false);
    expect(isValidDate(new Date())).toBe(false);
  });

  it('throws a PeriodError with code invalid-date naming the bad value', () => {
    try {
      dayNumber('2019-02-29');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PeriodError);
      expect((e as PeriodError).code).toBe('invalid-date');
      expect((e as PeriodError).message).toContain('"2019-02-29"');
      expect((e as PeriodError).message).toContain('YYYY-MM-DD');
    }
  });
});

describe('calendar helpers', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2019, 2020, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2018, 4)).toBe(30);
    expect(daysInMonth(2018, 12)).toBe(31);
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2018-01-01', 365)).toBe('2019-01-01');
    expect(addDays('2018-05-05', 0)).toBe('2018-05-05');
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(() => addDays('2018-01-01', 0.5)).toThrow(PeriodError);
  });
});

describe('sameDateMonthsLater', () => {
  it.each([
    ['2018-03-15', 12, '2019-03-15'],
    ['2018-03-15', 1, '2018-04-15'],
    ['2018-11-30', 2, '2019-01-30'],
    ['2020-02-29', 12, '2021-03-01'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2019-02-28', 12, '2020-02-28'],
    ['2018-01-31', 1, '2018-03-01'],
    ['2018-01-30', 1, '2018-03-01'],
    ['2020-01-30', 1, '2020-03-01'],
    ['2020-01-29', 1, '2020-02-29'],
    ['2018-03-31', 1, '2018-05-01'],
    ['2018-12-31', 12, '2019-12-31'],
    ['2018-12-31', 11, '2019-12-01'],
    ['2018-05-31', 7, '2018-12-31'],
    ['2018-05-31', 8, '2019-01-31'],
    ['2018-08-31', 1, '2018-10-01'],
    ['2018-03-15', 0, '2018-03-15'],
    ['2018-03-15', -3, '2017-12-15'],
    ['2018-03-31', -1, '2018-03-01'],
  ] as const)('%s + %i months → %s', (date, months, expected) => {
    expect(sameDateMonthsLater(date, months)).toBe(expected);
  });

  it('rejects invalid input and results outside the supported years', () => {
    expect(() => sameDateMonthsLater('2018-02-30', 1)).toThrow(PeriodError);
    expect(() => sameDateMonthsLater('2018-02-01', 1.5)).toThrow(PeriodError);
    expect(() => sameDateMonthsLater('9999-06-01', 12)).toThrow(PeriodError);
  });
});

describe('todayIn', () => {
  it('gives the civil date in the time zone', () => {
    // 2018-12-31T16:30Z is already 2019-01-01 00:30 in Shanghai (UTC+8, no DST).
    const instant = new Date('2018-12-31T16:30:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2019-01-01');
    expect(todayIn('UTC', instant)).toBe('2018-12-31');
    expect(todayIn('Asia/Shanghai', new Date('2018-12-31T15:59:59.999Z'))).toBe('2018-12-31');
    expect(todayIn('America/New_York', new Date('2020-03-08T06:59:00Z'))).toBe('2020-03-08');
    expect(todayIn('Asia/Shanghai', new Date('1950-06-01T00:00:00Z'))).toBe('1950-06-01');
  });

  it('returns a valid date for any instant', () => {
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2021, 0, 1); t += 7 * 3_600_000) {
      expect(isValidDate(todayIn('Asia/Shanghai', new Date(t)))).toBe(true);
    }
  });

  it('rejects unknown time zones', () => {
    expect(() => todayIn('Mars/Olympus', new Date())).toThrow(RangeError);
  });
});
