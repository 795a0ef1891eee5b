import { dateParts, isValidDate, sameDateMonthsLater } from './dates.js';
import { DATE_FORM, invalidPeriod, PERIOD_FORMS } from './errors.js';
import { type PeriodLike, parsePeriod, toPeriod } from './periods.js';

/**
 * Rolling windows as the measures phrase them: "before the same calendar date N months later"
 * (29 Feb rolls to 1 Mar). Valid YYYY-MM-DD strings order like the dates, so `<` compares them.
 */

/** laterDate < sameDateMonthsLater(earlierDate, months). */
export function beforeSameDateMonthsLater(earlierDate: string, laterDate: string, months: number): boolean {
  dateParts(laterDate);
  return laterDate < sameDateMonthsLater(earlierDate, months);
}

/**
 * Both periods lie within one window of `months` months that opens on the earlier period's
 * start: with 12, 2018-Q1 & 2018-Q4 → true, 2018-Q1 & 2019-Q1 → false. Argument order is irrelevant.
 */
export function withinMonths(first: PeriodLike, second: PeriodLike, months: number): boolean {
  const a = toPeriod(first);
  const b = toPeriod(second);
  const start = a.startDay <= b.startDay ? a.start : b.start;
  const end = a.endDay >= b.endDay ? a.end : b.end;
  return end < sameDateMonthsLater(start, months);
}

// A date (YYYY-MM-DD) never looks like a period id, so one string argument can be either.
function yearOf(x: PeriodLike): number {
  if (typeof x !== 'string') return dateParts(x.start).year;
  if (isValidDate(x)) return dateParts(x).year;
  const period = parsePeriod(x);
  if (!period) throw invalidPeriod(x, `expected ${DATE_FORM}, or a period id: ${PERIOD_FORMS}`);
  return dateParts(period.start).year;
}

/**
 * For "within one year" configured as the calendar year; takes dates, period ids or Periods
 * (every period lies inside one calendar year).
 */
export function sameCalendarYear(a: PeriodLike, b: PeriodLike): boolean {
  return yearOf(a) === yearOf(b);
}
