// Roster history (`history: dated`): a roster fact holds from its occurredOn until the next roster
// fact of the same subject (same day: the later recordedAt); before the first, the first holds.
// A subject's roster facts become sorted spans, so "which fact holds on day D" is a binary search.
import type { StoredFact } from '../model/fact.js';
import { dayNumber } from '../periods/index.js';
import { compareLatest } from './fact-order.js';

/** A roster fact and the first day it holds (the first span also covers every earlier day). */
export interface RosterSpan {
  from: number;
  fact: StoredFact;
}

/** Spans from one subject's roster facts in any order: by day, one per day (that day's latest). */
export function rosterSpans(facts: readonly StoredFact[]): RosterSpan[] {
  const spans: RosterSpan[] = [];
  for (const fact of facts.slice().sort(compareLatest)) {
    const from = dayNumber(fact.occurredOn);
    const last = spans[spans.length - 1];
    if (last && last.from === from) last.fact = fact;
    else spans.push({ from, fact });
  }
  return spans;
}

/** Index of the span in force on `day`: the last one starting on or before it, else the first. */
export function spanAt(spans: readonly RosterSpan[], day: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as RosterSpan).from <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? lo - 1 : 0;
}

/** The roster fact in force on `day` (undefined only without spans). */
export function factOn(spans: readonly RosterSpan[], day: number): StoredFact | undefined {
  return spans[spanAt(spans, day)]?.fact;
}

/** The day ranges within [start, end] on which the fact in force has `field` equal to `value`. */
export function rangesWhere(
  spans: readonly RosterSpan[],
  field: string,
  value: unknown,
  start: number,
  end: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let i = spanAt(spans, start); i < spans.length; i++) {
    const span = spans[i] as RosterSpan;
    const lo = i === 0 ? start : Math.max(start, span.from);
    if (lo > end) break;
    const next = spans[i + 1];
    const hi = next ? Math.min(end, next.from - 1) : end;
    if (hi < lo || span.fact.data[field] !== value) continue;
    const prev = out[out.length - 1];
    if (prev && prev[1] === lo - 1) prev[1] = hi;
    else out.push([lo, hi]);
  }
  return out;
}
