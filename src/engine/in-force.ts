// The part of a period in which the rule set is in force (manifest `effective`). A period that
// starts before `effective.from` is evaluated over its in-force days only, so parameters are read
// on the first day in force and no full-score months are invented before the measures existed.
import { dayNumber, type Period } from '../periods/index.js';
import type { Manifest } from '../rules/types.js';

export interface InForce {
  period: Period;
  /** true when the period was cut to the rule set's range */
  clipped: boolean;
}

export function inForcePart(effective: Manifest['effective'], period: Period): InForce | undefined {
  const { from, to } = effective;
  if (period.end < from || (to !== undefined && period.start > to)) return undefined;
  const startsEarly = period.start < from;
  const endsLate = to !== undefined && period.end > to;
  if (!startsEarly && !endsLate) return { period, clipped: false };
  const start = startsEarly ? from : period.start;
  const end = endsLate ? (to as string) : period.end;
  return {
    period: { ...period, start, end, startDay: dayNumber(start), endDay: dayNumber(end) },
    clipped: true,
  };
}

/** What an explanation says about a clipped period. */
export function inForceNote(part: InForce, effective: Manifest['effective']) {
  return { from: part.period.start, to: part.period.end, effectiveFrom: effective.from };
}
