// An independent, deliberately naive reading of docs/parameters.md (default parameters), used only to
// prove that the example centre's designed verdicts really happen. It shares no code with the
// generator: if the generator's shaping drifts, these numbers disagree with its cast.
import type { Fact } from '../../src/model/fact.js';

const POINTS: Record<string, number> = {
  late: 1,
  'early-leave': 1,
  'absent-from-post': 2,
  'cold-attitude': 2,
  'trading-software': 2,
  'noon-drinking': 5,
  'equipment-lost': 0,
  'equipment-damaged': 0,
  'accepted-gift': 10,
  'solicited-money': 10,
  'personal-expense-claimed': 10,
  'transactional-banquet': 10,
  'paid-intermediary': 10,
};
const WINDOW_CODES = new Set([
  'equipment-moved-unregistered',
  'item-kept-outside-unapproved',
  'item-accepted-at-home-office',
  'item-changed-unapproved',
  'processed-outside-platform',
]);

const day = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
export const dateOf = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The same calendar date 12 months later (29 Feb → 1 Mar). */
export function plus12Months(date: string): string {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return next.endsWith('-02-29') ? `${next.slice(0, 4)}-03-01` : next;
}

export function quarters(years: number[]): string[] {
  return years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
}
function quarterBounds(quarter: string): [number, number] {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return [Date.UTC(y, 3 * q - 3, 1) / 86_400_000, Date.UTC(y, 3 * q, 1) / 86_400_000 - 1];
}
const quarterIndex = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;

export class Reference {
  readonly facts: Fact[];
  constructor(all: readonly Fact[]) {
    const retracted = new Set(all.filter((f) => f.type === 'retraction').map((f) => String(f.data.retracts)));
    this.facts = all.filter((f) => !retracted.has(f.id));
  }

  /** Latest roster.staff fact per staff member (file order breaks occurredOn ties). */
  roster(): Map<string, Record<string, unknown>> {
    const latest = new Map<string, Fact>();
    for (const f of this.facts) {
      if (f.type !== 'roster.staff') continue;
      const prev = latest.get(f.subject.id);
      if (!prev || prev.occurredOn <= f.occurredOn) latest.set(f.subject.id, f);
    }
    return new Map([...latest].map(([id, f]) => [id, f.data]));
  }

  /** Quarterly scores of the ranking population (≥ 30 days on the roster in the quarter). */
  scores(quarter: string): Map<string, number> {
    const [from, to] = quarterBounds(quarter);
    const ded = new Map<string, number>();
    const bonus = new Map<string, number>();
    const add = (m: Map<string, number>, id: string, p: number) => m.set(id, (m.get(id) ?? 0) + p);
    for (const f of this.facts) {
      const d = day(f.occurredOn);
      if (d < from || d > to || f.subject.kind !== 'staff') continue;
      if (f.type === 'finding' && !WINDOW_CODES.has(String(f.data.code)))
        add(ded, f.subject.id, POINTS[String(f.data.code)] ?? 1);
      if (f.type === 'complaint' && f.data.substantiated === true) add(ded, f.subject.id, 3);
      if (f.type === 'circulated-criticism') add(ded, f.subject.id, 5);
      if (f.type === 'publicity') add(bonus, f.subject.id, f.data.kind === 'commendation' ? 1 : 0.5);
    }
    const out = new Map<string, number>();
    for (const [id, r] of this.roster()) {
      const first = Math.max(from, day(String(r.joinedOn)));
      const last = Math.min(to, r.leftOn ? day(String(r.leftOn)) : to);
      if (last - first + 1 < 30) continue;
      out.set(id, Math.max(0, 100 - (ded.get(id) ?? 0) + Math.min(bonus.get(id) ?? 0, 5)));
    }
    return out;
  }

  /** Bottom 6, all ties at the cut included, nobody at or above the base score. */
  bottomGroup(quarter: string): string[] {
    const scores = this.scores(quarter);
    const sorted = [...scores.values()].sort((a, b) => a - b);
    const cut = sorted[Math.min(5, sorted.length - 1)] ?? 0;
    return [...scores]
      .filter(([, s]) => s <= cut && s < 100)
      .map(([id]) => id)
      .sort();
  }

  /** Staff meeting A7.4.2–A7.4.6 as things stood at the start of `date`; A7.4.3 over `years`. */
  metOn(date: string, years: number[]): Record<string, Set<string>> {
    const before = this.facts.filter((f) => f.occurredOn < date);
    const of = (type: string) => before.filter((f) => f.type === type);
    const met: Record<string, Set<string>> = {};
    for (const p of ['A7.4.2', 'A7.4.3', 'A7.4.4', 'A7.4.5', 'A7.4.6']) met[p] = new Set();
    for (const e of of('education')) {
      const until = plus12Months(e.occurredOn);
      const n = before.filter(
        (f) =>
          f.type === 'finding' &&
          f.subject.id === e.subject.id &&
          f.occurredOn > e.occurredOn &&
          f.occurredOn < until,
      ).length;
      if (n >= 3) met['A7.4.2']?.add(e.subject.id);
    }
    const bottoms = new Map<string, number[]>();
    for (const q of quarters(years)) {
      if (dateOf(quarterBounds(q)[1]) >= date) continue;
      for (const id of this.bottomGroup(q)) bottoms.set(id, [...(bottoms.get(id) ?? []), quarterIndex(q)]);
    }
    for (const [id, qs] of bottoms)
      if (qs.some((a, i) => qs.slice(i + 1).some((b) => b - a <= 3))) met['A7.4.3']?.add(id);
    const crit = of('circulated-criticism');
    for (const a of crit) {
      if (
        crit.some(
          (b) =>
            b.subject.id === a.subject.id &&
            b.occurredOn > a.occurredOn &&
            b.occurredOn < plus12Months(a.occurredOn),
        )
      )
        met['A7.4.4']?.add(a.subject.id);
    }
    for (const f of of('serious-violation')) met['A7.4.5']?.add(f.subject.id);
    for (const f of of('sanction')) met['A7.4.6']?.add(f.subject.id);
    return met;
  }
}
