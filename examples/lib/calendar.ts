// Date arithmetic on whole days (days since 1970-01-01, UTC), so results never depend on the
// machine's time zone. Dates in facts are local dates of the centre; here they are just labels.

const MS_PER_DAY = 86_400_000;

export function dayOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The measures speak of working days; holidays are not modelled, Monday–Friday are. */
export function isWorkingDay(day: number): boolean {
  const w = weekdayOf(day);
  return w >= 1 && w <= 5;
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The last working day on or before `day`. */
export function workingDayOnOrBefore(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d--;
  return d;
}

export function ymd(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** Working days from `from` to `to`, both inclusive. */
export function workingDaysBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d <= to; d++) if (isWorkingDay(d)) out.push(d);
  return out;
}

export function workingDaysOfYear(year: number): number[] {
  return workingDaysBetween(ymd(year, 1, 1), ymd(year + 1, 1, 1) - 1);
}

/** First and last day of quarter `q` (1–4) of `year`. */
export function quarterRange(year: number, q: number): { from: number; to: number } {
  return { from: ymd(year, 3 * q - 2, 1), to: ymd(year, 3 * q + 1, 1) - 1 };
}

/** "YYYY-Qn" of a day. */
export function quarterOf(day: number): string {
  const date = dateOf(day);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Last day of the month containing `day`. */
export function monthEnd(day: number): number {
  const dt = new Date(day * MS_PER_DAY);
  return Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1) / MS_PER_DAY - 1;
}

/** Monday of the week containing `day`. */
export function weekStart(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}
