// Collects the example centre's facts with readable, unique ids, and keeps the ledger of quarterly
// deductions that lets the generator decide exactly who ends up in each quarter's bottom group.
import type { Fact, SubjectKind } from '../../src/model/fact.js';
import { dateOf, quarterOf } from './calendar.js';

export type Source =
  | 'onsite-patrol'
  | 'video-patrol'
  | 'attendance-system'
  | 'complaint-desk'
  | 'supervisory-organ'
  | 'assessment-group'
  | 'import';

export class FactSink {
  private readonly facts: Fact[] = [];
  private readonly counters = new Map<string, number>();

  /** Adds a fact dated `day`; its id is `f-<date>-<subject>-<tag>-<n>` with n counting repeats. */
  add(
    type: string,
    kind: SubjectKind,
    subjectId: string,
    day: number,
    data: Record<string, unknown>,
    source?: Source,
    tag: string = type,
  ): Fact {
    const occurredOn = dateOf(day);
    const key = `f-${occurredOn}-${subjectId}-${tag}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    // Key order is fixed here so that the NDJSON output reads the same way for every fact.
    const fact: Fact =
      source === undefined
        ? { id: `${key}-${n}`, type, subject: { kind, id: subjectId }, occurredOn, data }
        : { id: `${key}-${n}`, type, subject: { kind, id: subjectId }, occurredOn, source, data };
    this.facts.push(fact);
    return fact;
  }

  /** All facts by occurredOn, then id (code-unit order, never locale order, for determinism). */
  sorted(): Fact[] {
    return this.facts.slice().sort((a, b) => {
      if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }
}

/**
 * The default points of docs/parameters.md, used only to *shape* the data (to keep ordinary staff out of
 * the bottom group); the service itself reads points from the rule files.
 */
export function findingPoints(code: string): number {
  if (code === 'absent-from-post' || code === 'cold-attitude' || code === 'trading-software') return 2;
  if (code === 'noon-drinking') return 5;
  if (code === 'equipment-lost' || code === 'equipment-damaged') return 0;
  if (INTEGRITY_CODES.includes(code)) return 10;
  return 1;
}

export const COMPLAINT_POINTS = 3;
export const CRITICISM_POINTS = 5;

export const INTEGRITY_CODES: readonly string[] = [
  'accepted-gift',
  'solicited-money',
  'personal-expense-claimed',
  'transactional-banquet',
  'paid-intermediary',
];

/** Net deductions per staff member and quarter, as the generator has placed them so far. */
export class Ledger {
  private readonly points = new Map<string, number>();

  get(staff: string, day: number): number {
    return this.points.get(`${staff}@${quarterOf(day)}`) ?? 0;
  }

  add(staff: string, day: number, points: number): void {
    const key = `${staff}@${quarterOf(day)}`;
    this.points.set(key, (this.points.get(key) ?? 0) + points);
  }
}
