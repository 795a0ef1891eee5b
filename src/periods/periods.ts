import { dateParts, dayNumber, daysInMonth, formatDate, MAX_YEAR, MIN_YEAR } from './dates.js';
import { invalidPeriod, PeriodError, show } from './errors.js';

export type Cadence = 'half-month' | 'month' | 'quarter' | 'year';

/** Finest first; each cadence nests exactly inside the next one. */
export const CADENCES: readonly Cadence[] = ['half-month', 'month', 'quarter', 'year'];

const PER_YEAR: Record<Cadence, number> = { 'half-month': 24, month: 12, quarter: 4, year: 1 };

const FORM: Record<Cadence, string> = {
  'half-month': 'a half-month id YYYY-MM-H1 (days 1–15) or YYYY-MM-H2 (day 16 to month end)',
  month: 'a month id YYYY-MM',
  quarter: 'a quarter id YYYY-Qn (n = 1–4)',
  year: 'a year id YYYY',
};

export interface Period {
  readonly id: string;
  readonly cadence: Cadence;
  /** First day, inclusive. */
  readonly start: string;
  /** Last day, inclusive. */
  readonly end: string;
  readonly startDay: number;
  readonly endDay: number;
}

/** Most functions accept a parsed Period or its id. */
export type PeriodLike = Period | string;

// Strict: exactly four year digits, upper-case Q/H, two-digit months, no surrounding whitespace.
const ID_RE = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-H([12]))?))?$/;

// Periods are parsed on hot paths; only valid ids are cached, so the cache stays bounded.
const cache = new Map<string, Period>();

export function isCadence(value: unknown): value is Cadence {
  return typeof value === 'string' && Object.hasOwn(PER_YEAR, value);
}

function assertCadence(cadence: unknown): asserts cadence is Cadence {
  if (!isCadence(cadence)) {
    throw new PeriodError(
      'invalid-period',
      `Unknown cadence ${show(cadence)}: expected one of ${CADENCES.join(', ')}`,
    );
  }
}

function idAt(cadence: Cadence, index: number): string {
  const per = PER_YEAR[cadence];
  const year = Math.floor(index / per);
  const sub = index - year * per;
  const y = String(year).padStart(4, '0');
  switch (cadence) {
    case 'year':
      return y;
    case 'quarter':
      return `${y}-Q${sub + 1}`;
    case 'month':
      return `${y}-${String(sub + 1).padStart(2, '0')}`;
    case 'half-month':
      return `${y}-${String((sub >> 1) + 1).padStart(2, '0')}-H${(sub & 1) + 1}`;
  }
}

function build(id: string, cadence: Cadence, index: number): Period {
  const per = PER_YEAR[cadence];
  const year = Math.floor(index / per);
  const sub = index - year * per;
  let first: [number, number];
  let last: [number, number];
  if (cadence === 'half-month') {
    const m = (sub >> 1) + 1;
    first = [m, sub & 1 ? 16 : 1];
    last = [m, sub & 1 ? daysInMonth(year, m) : 15];
  } else {
    const months = 12 / per;
    const m1 = sub * months + 1;
    const m2 = m1 + months - 1;
    first = [m1, 1];
    last = [m2, daysInMonth(year, m2)];
  }
  const start = formatDate(year, first[0], first[1]);
  const end = formatDate(year, last[0], last[1]);
  const period: Period = Object.freeze({
    id,
    cadence,
    start,
    end,
    startDay: dayNumber(start),
    endDay: dayNumber(end),
  });
  cache.set(id, period);
  return period;
}

/** The period of `cadence` with the given periodIndex. */
export function periodAt(cadence: Cadence, index: number): Period {
  assertCadence(cadence);
  const per = PER_YEAR[cadence];
  if (!Number.isInteger(index) || index < MIN_YEAR * per || index >= (MAX_YEAR + 1) * per) {
    throw new PeriodError(
      'invalid-period',
      `No ${cadence} period with index ${index}: periods are supported for years ${MIN_YEAR}–${MAX_YEAR}`,
    );
  }
  const id = idAt(cadence, index);
  return cache.get(id) ?? build(id, cadence, index);
}

/** Parses a period id; null when it is not exactly one of the supported forms. */
export function parsePeriod(id: unknown): Period | null {
  if (typeof id !== 'string') return null;
  const hit = cache.get(id);
  if (hit) return hit;
  const m = ID_RE.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (m[2] !== undefined) return build(id, 'quarter', year * 4 + Number(m[2]) - 1);
  if (m[3] === undefined) return build(id, 'year', year);
  const month = Number(m[3]);
  if (month < 1 || month > 12) return null;
  if (m[4] === undefined) return build(id, 'month', year * 12 + month - 1);
  return build(id, 'half-month', year * 24 + (month - 1) * 2 + Number(m[4]) - 1);
}

/** Parses an id that must be of `cadence`; throws PeriodError otherwise. */
export function parsePeriodOf(id: string, cadence: Cadence): Period {
  assertCadence(cadence);
  const period = parsePeriod(id);
  if (period?.cadence === cadence) return period;
  throw invalidPeriod(id, `expected ${FORM[cadence]}, with YYYY in ${MIN_YEAR}–${MAX_YEAR}`);
}

/** A Period from a Period or an id; throws PeriodError for an invalid id. */
export function toPeriod(p: PeriodLike): Period {
  if (typeof p === 'object' && p !== null) return p;
  const period = parsePeriod(p);
  if (!period) throw invalidPeriod(p);
  return period;
}

export function isPeriodId(id: unknown): id is string {
  return parsePeriod(id) !== null;
}

export function cadenceOf(id: string): Cadence {
  return toPeriod(id).cadence;
}

/** Consecutive periods of one cadence have consecutive indexes (year * 4 + q - 1 for quarters). */
export function periodIndex(p: PeriodLike): number {
  const { cadence, start } = toPeriod(p);
  const { year, month, day } = dateParts(start);
  switch (cadence) {
    case 'year':
      return year;
    case 'quarter':
      return year * 4 + (month - 1) / 3;
    case 'month':
      return year * 12 + month - 1;
    case 'half-month':
      return year * 24 + (month - 1) * 2 + (day === 1 ? 0 : 1);
  }
}

export function periodContaining(date: string, cadence: Cadence): Period {
  assertCadence(cadence);
  const { year, month, day } = dateParts(date);
  switch (cadence) {
    case 'year':
      return periodAt(cadence, year);
    case 'quarter':
      return periodAt(cadence, year * 4 + Math.floor((month - 1) / 3));
    case 'month':
      return periodAt(cadence, year * 12 + month - 1);
    case 'half-month':
      return periodAt(cadence, year * 24 + (month - 1) * 2 + (day <= 15 ? 0 : 1));
  }
}

export function contains(period: PeriodLike, date: string): boolean {
  const p = toPeriod(period);
  const day = dayNumber(date);
  return p.startDay <= day && day <= p.endDay;
}

export function previousPeriod(p: PeriodLike): Period {
  const period = toPeriod(p);
  return periodAt(period.cadence, periodIndex(period) - 1);
}

export function nextPeriod(p: PeriodLike): Period {
  const period = toPeriod(p);
  return periodAt(period.cadence, periodIndex(period) + 1);
}

function sameCadence(a: Period, b: Period): void {
  if (a.cadence !== b.cadence) {
    throw new PeriodError(
      'cadence-mismatch',
      `Periods ${show(a.id)} (${a.cadence}) and ${show(b.id)} (${b.cadence}) are of different cadences`,
    );
  }
}

/** All periods from `a` to `b` inclusive, in order; empty when `b` is before `a`. */
export function periodsBetween(a: PeriodLike, b: PeriodLike): Period[] {
  const from = toPeriod(a);
  const to = toPeriod(b);
  sameCadence(from, to);
  const first = periodIndex(from);
  const last = periodIndex(to);
  const out: Period[] = [];
  for (let i = first; i <= last; i++) out.push(periodAt(from.cadence, i));
  return out;
}

/** The periods of a finer (or the same) cadence that make up `outer`, e.g. the quarters of a year. */
export function periodsWithin(outer: PeriodLike, cadence: Cadence): Period[] {
  const p = toPeriod(outer);
  assertCadence(cadence);
  if (CADENCES.indexOf(cadence) > CADENCES.indexOf(p.cadence)) {
    throw new PeriodError(
      'cadence-mismatch',
      `Cannot split ${p.cadence} ${show(p.id)} into ${cadence} periods: ${cadence} is coarser`,
    );
  }
  return periodsBetween(periodContaining(p.start, cadence), periodContaining(p.end, cadence));
}

/**
 * Orders by start, then by end, so finer periods sort before the coarser periods that begin with
 * them (2018-01-H1 < 2018-01 < 2018-Q1 < 2018); (start, end) identifies a period uniquely.
 */
export function compare(a: PeriodLike, b: PeriodLike): -1 | 0 | 1 {
  const x = toPeriod(a);
  const y = toPeriod(b);
  if (x.startDay !== y.startDay) return x.startDay < y.startDay ? -1 : 1;
  if (x.endDay !== y.endDay) return x.endDay < y.endDay ? -1 : 1;
  return 0;
}

/**
 * Days of `period` inside [from, to] (both inclusive); an undefined bound is open, e.g. a staff
 * member still on the roster has no end date.
 */
export function daysOverlap(period: PeriodLike, from: string | undefined, to?: string): number {
  const p = toPeriod(period);
  const lo = from === undefined ? p.startDay : Math.max(p.startDay, dayNumber(from));
  const hi = to === undefined ? p.endDay : Math.min(p.endDay, dayNumber(to));
  return hi < lo ? 0 : hi - lo + 1;
}
