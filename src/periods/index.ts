// Generic civil-date and period engine: no domain rules live here.
export {
  addDays,
  dateOf,
  dayNumber,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidDate,
  MAX_YEAR,
  MIN_YEAR,
  sameDateMonthsLater,
  todayIn,
} from './dates.js';
export { PeriodError, type PeriodErrorCode } from './errors.js';
export {
  CADENCES,
  type Cadence,
  cadenceOf,
  compare,
  contains,
  daysOverlap,
  isCadence,
  isPeriodId,
  nextPeriod,
  type Period,
  type PeriodLike,
  parsePeriod,
  parsePeriodOf,
  periodAt,
  periodContaining,
  periodIndex,
  periodsBetween,
  periodsWithin,
  previousPeriod,
  toPeriod,
} from './periods.js';
export { beforeSameDateMonthsLater, sameCalendarYear, withinMonths } from './windows.js';
