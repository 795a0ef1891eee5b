import { describe, expect, it } from 'vitest';
import {
  cadenceOf,
  isPeriodId,
  PeriodError,
  parsePeriod,
  parsePeriodOf,
  toPeriod,
} from '../../src/periods/index.js';

describe('parsePeriod', () => {
  it.each([
    ['2018', 'year', '2018-01-01', '2018-12-31'],
    ['2018-Q1', 'quarter', '2018-01-01', '2018-03-31'],
    ['2018-Q2', 'quarter', '2018-04-01', '2018-06-30'],
    ['2018-Q3', 'quarter', '2018-07-01', '2018-09-30'],
    ['2018-Q4', 'quarter', '2018-10-01', '2018-12-31'],
    ['2018-03', 'month', '2018-03-01', '2018-03-31'],
    ['2018-04', 'month', '2018-04-01', '2018-04-30'],
    ['2020-02', 'month', '2020-02-01', '2020-02-29'],
    ['2019-02', 'month', '2019-02-01', '2019-02-28'],
    ['2018-03-H1', 'half-month', '2018-03-01', '2018-03-15'],
    ['2018-03-H2', 'half-month', '2018-03-16', '2018-03-31'],
    ['2018-04-H2', 'half-month', '2018-04-16', '2018-04-30'],
    ['2020-02-H2', 'half-month', '2020-02-16', '2020-02-29'],
    ['2019-02-H2', 'half-month', '2019-02-16', '2019-02-28'],
    ['2000-02-H2', 'half-month', '2000-02-16', '2000-02-29'],
    ['1900-02-H2', 'half-month', '1900-02-16', '1900-02-28'],
    ['1900', 'year', '1900-01-01', '1900-12-31'],
    ['9999-Q4', 'quarter', '9999-10-01', '9999-12-31'],
  ] as const)('%s is a %s from %s to %s', (id, cadence, start, end) => {
    const p = parsePeriod(id);
    expect(p).toMatchObject({ id, cadence, start, end });
    expect(p && p.endDay - p.startDay).toBe(
      (Date.UTC(+end.slice(0, 4), +end.slice(5, 7) - 1, +end.slice(8)) -
        Date.UTC(+start.slice(0, 4), +start.slice(5, 7) - 1, +start.slice(8))) /
        86_400_000,
    );
  });

  it('gives half-months of 15 and 13–16 days', () => {
    expect(parsePeriod('2020-02-H2')?.endDay).toBe((parsePeriod('2020-02-H2')?.startDay ?? 0) + 13);
    expect(parsePeriod('2019-02-H2')?.endDay).toBe((parsePeriod('2019-02-H2')?.startDay ?? 0) + 12);
    expect(parsePeriod('2018-01-H1')?.endDay).toBe((parsePeriod('2018-01-H1')?.startDay ?? 0) + 14);
    expect(parsePeriod('2018-01-H2')?.endDay).toBe((parsePeriod('2018-01-H2')?.startDay ?? 0) + 15);
  });

  it.each([
    '2018-13',
    '2018-00',
    '2018-Q0',
    '2018-Q5',
    '2018-q1',
    '2018-03-H3',
    '2018-03-H0',
    '2018-03-h1',
    '2018-13-H1',
    '2018-3',
    '2018-3-H1',
    '18-Q1',
    '018',
    '20180',
    ' 2018',
    '2018 ',
    '2018\n',
    '1899',
    '1899-Q4',
    '0000',
    '2018-03-01',
    '2018-Q1-H1',
    '2018-H1',
    '2018-W01',
    '',
    '２０１８',
  ])('rejects %j', (id) => {
    expect(parsePeriod(id)).toBeNull();
    expect(isPeriodId(id)).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 2018, {}, ['2018']]) expect(parsePeriod(v)).toBeNull();
  });

  it('memoizes: the same frozen object comes back', () => {
    const a = parsePeriod('2018-Q1');
    expect(parsePeriod('2018-Q1')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('parsePeriodOf and cadenceOf', () => {
  it('accepts ids of the asked cadence', () => {
    expect(parsePeriodOf('2018-Q1', 'quarter').id).toBe('2018-Q1');
    expect(parsePeriodOf('2018', 'year').cadence).toBe('year');
    expect(cadenceOf('2018-03-H1')).toBe('half-month');
    expect(cadenceOf('2018-03')).toBe('month');
    expect(cadenceOf('2018-Q3')).toBe('quarter');
    expect(cadenceOf('2018')).toBe('year');
  });

  it('throws a PeriodError naming the id and the expected form', () => {
    const err = (() => {
      try {
        parsePeriodOf('2018-03', 'quarter');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PeriodError);
    expect((err as PeriodError).code).toBe('invalid-period');
    expect((err as PeriodError).message).toContain('"2018-03"');
    expect((err as PeriodError).message).toContain('YYYY-Qn');
  });

  it('throws for invalid ids wherever an id is taken', () => {
    for (const bad of ['2018-13', ' 2018', '2018-Q5']) {
      expect(() => cadenceOf(bad)).toThrow(PeriodError);
      expect(() => toPeriod(bad)).toThrow(/YYYY-MM-H1/);
      expect(() => toPeriod(bad)).toThrow(JSON.stringify(bad));
    }
    expect(() => parsePeriodOf('2018-Q1', 'decade' as never)).toThrow(/Unknown cadence "decade"/);
  });
});
