import { invalidDate, PeriodError } from './errors.js';

/**
 * Plain civil dates `YYYY-MM-DD` (local dates in Asia/Shanghai by convention). Arithmetic uses
 * integer day numbers (days since 1970-01-01) from Date.UTC, so no time zone or DST can leak in.
 */

const MS_PER_DAY = 86_400_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly dayNumber: number;
}

// Only valid dates are cached, so the cache is bounded by the supported calendar range.
const partsCache = new Map<string, DateParts>();

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseParts(date: unknown): DateParts | undefined {
  if (typeof date !== 'string') return undefined;
  const cached = partsCache.get(date);
  if (cached) return cached;
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const parts = { year, month, day, dayNumber: Date.UTC(year, month - 1, day) / MS_PER_DAY };
  partsCache.set(date, parts);
  return parts;
}

/** Year, month and day of a valid date; throws PeriodError('invalid-date') otherwise. */
export function dateParts(date: string): DateParts {
  const parts = parseParts(date);
  if (!parts) throw invalidDate(date);
  return parts;
}

export function isValidDate(s: unknown): s is string {
  return parseParts(s) !== undefined;
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(date: string): number {
  return dateParts(date).dayNumber;
}

const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / MS_PER_DAY;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / MS_PER_DAY;

export function dateOf(day: number): string {
  if (!Number.isInteger(day) || day < MIN_DAY || day > MAX_DAY) {
    throw new PeriodError(
      'invalid-date',
      `Day number ${day} is not an integer day between ${MIN_DAY} (1900-01-01) and ${MAX_DAY} (9999-12-31)`,
    );
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalidDate(date, `cannot add a non-integer number of days (${n})`);
  return dateOf(dayNumber(date) + n);
}

/** Number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same calendar date `months` later (earlier when negative). A date that does not exist in
 * the target month rolls to the 1st of the following month: 2020-02-29 + 12 → 2021-03-01.
 */
export function sameDateMonthsLater(date: string, months: number): string {
  const { year, month, day } = dateParts(date);
  if (!Number.isInteger(months))
    throw invalidDate(date, `cannot add a non-integer number of months (${months})`);
  const total = year * 12 + (month - 1) + months;
  let y = Math.floor(total / 12);
  let m = total - y * 12 + 1;
  let d = day;
  if (d > daysInMonth(y, m)) {
    d = 1;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw invalidDate(date, `adding ${months} months leaves the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return formatDate(y, m, d);
}

// Intl formatters are costly to build; one per time zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil date in `timeZone` (e.g. 'Asia/Shanghai') at the instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, fmt);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const part of fmt.formatToParts(now)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return formatDate(Number(y), Number(m), Number(d));
}
