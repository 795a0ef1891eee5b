// FactIndex: the facts of one evaluation context, pre-digested once so that every evaluation
// kind, period and verdict after it reads small per-subject arrays instead of raw facts.
// - retracted facts (and retractions) are dropped; facts outside the rule set's effective range
//   are not evaluated (roster facts excepted: they describe who is on the roster, not events);
// - each fact is classified once per signature by json-rules-engine (Classifier);
// - point-bearing facts are kept as small entries (with their ids, for explanations);
// - high-volume measure facts (cases, ratings) are summed per half-month, ids not kept, so
//   memory grows with subjects and periods rather than with facts.

import { getOrInsert } from '../model/collections.js';
import { type StoredFact, type SubjectRef, subjectKey } from '../model/fact.js';
import { dayNumber, periodContaining, periodIndex } from '../periods/index.js';
import type { RuleSet } from '../rules/types.js';
import type { Classifier } from './classify.js';
import type { Entry } from './entry.js';
import { compareLatest } from './fact-order.js';
import { type HalfMonthSums, MeasureTable, measureColumns } from './half-month-sums.js';
import { indexTaking, recordedFactTypes } from './kind-facts.js';
import { type RosterSpan, rosterSpans } from './roster-spans.js';

export type { Entry } from './entry.js';

export interface EventRecord {
  day: number;
  fact: StoredFact;
}

export interface SubjectFacts {
  subject: SubjectRef;
  key: string;
  /** The latest roster fact as known (the dates in the centre; every day's roster under `latest`). */
  roster?: StoredFact;
  /** Under `history: dated`: the roster facts as spans, to find the one in force on a day. */
  rosterSpans?: RosterSpan[];
  entries: Entry[]; // sorted by day, then id
  /** the entries' days, in the same order: searched without touching the entries themselves */
  days?: Int32Array;
  /** measure facts summed per half-month and measure rule; absent when the subject has none */
  measures?: HalfMonthSums;
  /** fact type → facts of that type (for verdict measures, decisions, adjustments), by day then id */
  records: Map<string, EventRecord[]>;
}

export interface FactIndex {
  subjects: Map<string, SubjectFacts>;
  /** subject kind → subjects of that kind, sorted by id */
  byKind: Map<string, SubjectFacts[]>;
  /** roster group (e.g. window id) → subjects whose roster names it (under `dated`: on any day) */
  groups: Map<string, SubjectFacts[]>;
  firstDay: number | null;
  lastDay: number | null;
  factCount: number;
}

export interface IndexOptions {
  /** Ids retracted by retractions in force; when absent, retractions among `facts` are used (needs an array). */
  retracted?: ReadonlySet<string>;
}

export async function buildFactIndex(
  ruleSet: RuleSet,
  classifier: Classifier,
  facts: Iterable<StoredFact> | AsyncIterable<StoredFact>,
  options: IndexOptions = {},
): Promise<FactIndex> {
  let retracted = options.retracted;
  if (!retracted) {
    if (!Array.isArray(facts)) throw new Error('buildFactIndex: pass `retracted` when facts are streamed');
    retracted = new Set(
      (facts as StoredFact[]).filter((f) => f.type === 'retraction').map((f) => String(f.data.retracts)),
    );
  }
  const { effective, scope } = ruleSet.manifest;
  const rosterTypes = new Map(Object.entries(scope.rosters).map(([kind, r]) => [r?.factType ?? '', kind]));
  const recordTypes = recordFactTypes(ruleSet);
  const datedKinds = new Set(
    Object.entries(scope.rosters)
      .filter(([, r]) => r?.history === 'dated')
      .map(([kind]) => kind),
  );
  const rosterFacts = new Map<SubjectFacts, StoredFact[]>();
  const subjects = new Map<string, SubjectFacts>();
  const index: FactIndex = {
    subjects,
    byKind: new Map(),
    groups: new Map(),
    firstDay: null,
    lastDay: null,
    factCount: 0,
  };
  /** date → its day number and half-month index, worked out once per distinct date */
  const days = new Map<string, { day: number; half: number }>();
  // What each rule does with a fact it takes, asked of its kind once per rule, not once per fact.
  const takings = classifier.rules.map(indexTaking);
  const fills = takings.map((t) => t.fill);
  const sums = takings.map((t) => t.halfMonthSums);
  const columns = measureColumns(classifier.rules.map((r, i) => (sums[i] ? r.subject : undefined)));
  /** The subjects of one kind: by id, and (for measure facts) their slots in the kind's sums. */
  interface KindSubjects {
    ofKind: Map<string, SubjectFacts>;
    /** subject id → slot in `table`: a measure fact finds it without touching the subject's object */
    slots: Map<string, number>;
    table: MeasureTable;
  }
  const kinds = new Map<string, KindSubjects>();
  /** What the index does with facts of one type about one subject kind, worked out on the first. */
  interface Plan {
    roster: boolean;
    dated: boolean;
    record: boolean;
    /** the rules every such fact feeds, when no condition looks past type and subject kind */
    matches?: number[];
    plain: boolean;
    subjects: KindSubjects;
  }
  const plans = new Map<string, Map<string, Plan>>();
  // Two lookups (type, then kind) per fact instead of one per question asked about it.
  let lastPlan: Plan | undefined;
  let lastType = '';
  let lastKind = '';
  const planOf = (fact: StoredFact): Plan => {
    // Facts come in runs of one type and kind (a day's ratings, its case counts): most skip the look-ups.
    if (fact.type === lastType && fact.subject.kind === lastKind) return lastPlan as Plan;
    let byKind = plans.get(fact.type);
    if (!byKind) {
      byKind = new Map();
      plans.set(fact.type, byKind);
    }
    let plan = byKind.get(fact.subject.kind);
    if (!plan) {
      const kind = fact.subject.kind;
      plan = {
        roster: rosterTypes.get(fact.type) === kind,
        dated: datedKinds.has(kind),
        record: recordTypes.has(fact.type),
        plain: classifier.isPlain(fact.type),
        subjects: getOrInsert(kinds, kind, () => ({
          ofKind: new Map(),
          slots: new Map(),
          table: new MeasureTable(columns.column, columns.width.get(kind) ?? 0),
        })),
      };
      byKind.set(kind, plan);
    }
    lastPlan = plan;
    lastType = fact.type;
    lastKind = fact.subject.kind;
    return plan;
  };
  const noMatches: number[] = [];
  /** The subject's object, created on its first fact. Two-level lookup by kind then id: no key string per fact. */
  const subjectOf = (of: KindSubjects, fact: StoredFact): SubjectFacts => {
    let s = of.ofKind.get(fact.subject.id);
    if (!s) {
      const key = subjectKey(fact.subject);
      s = {
        subject: { kind: fact.subject.kind, id: fact.subject.id },
        key,
        entries: [],
        records: new Map(),
      };
      subjects.set(key, s);
      of.ofKind.set(fact.subject.id, s);
    }
    return s;
  };
  /** The subject's slot in its kind's sums, opened on its first measure fact. */
  const slotOf = (of: KindSubjects, fact: StoredFact): number => {
    const slot = of.slots.get(fact.subject.id);
    if (slot !== undefined) return slot;
    const s = subjectOf(of, fact);
    const sums: HalfMonthSums = of.table.open();
    s.measures = sums;
    of.slots.set(fact.subject.id, sums.slot);
    return sums.slot;
  };
  // The previous fact's date: facts mostly come in date order, so most facts skip the look-up.
  let lastDate = '';
  let lastDateInfo: { day: number; half: number } | undefined;
  // Counted in locals, written to the index once: no property write per fact.
  let factCount = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;

  // Returns false when the fact's signature is not classified yet (the caller awaits and retries).
  const add = (fact: StoredFact): boolean => {
    if (fact.type === 'retraction' || (retracted as ReadonlySet<string>).has(fact.id)) return true;
    const plan = planOf(fact);
    const isRoster = plan.roster;
    if (
      !isRoster &&
      (fact.occurredOn < effective.from || (effective.to !== undefined && fact.occurredOn > effective.to))
    )
      return true;
    const matches = isRoster ? noMatches : (plan.matches ?? classifier.knownFor(fact));
    if (!matches) return false;
    if (plan.plain) plan.matches = matches;
    const kindSubjects = plan.subjects;
    factCount++;
    if (isRoster) {
      const s = subjectOf(kindSubjects, fact);
      if (!s.roster || compareLatest(fact, s.roster) > 0) s.roster = fact;
      if (plan.dated) getOrInsert(rosterFacts, s, () => []).push(fact);
      return true;
    }
    let date = fact.occurredOn === lastDate ? lastDateInfo : days.get(fact.occurredOn);
    if (date === undefined) {
      date = {
        day: dayNumber(fact.occurredOn),
        half: periodIndex(periodContaining(fact.occurredOn, 'half-month')),
      };
      days.set(fact.occurredOn, date);
    }
    lastDate = fact.occurredOn;
    lastDateInfo = date;
    const { day, half } = date;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    // The subject's object is fetched only when an entry or record goes into it: a measure fact
    // (most facts) goes by the subject's slot in its kind's sums.
    let s: SubjectFacts | undefined;
    if (plan.record) {
      s = subjectOf(kindSubjects, fact);
      getOrInsert(s.records, fact.type, () => []).push({ day, fact });
    }
    let slot = -1;
    for (const ruleIndex of matches) {
      const sum = sums[ruleIndex];
      if (sum !== undefined) {
        if (slot < 0) slot = slotOf(kindSubjects, fact);
        kindSubjects.table.add(
          slot,
          half,
          ruleIndex,
          sum.field === undefined ? undefined : fact.data[sum.field],
        );
      } else {
        const entry: Entry = { day, date: fact.occurredOn, id: fact.id, rule: ruleIndex };
        const fill = fills[ruleIndex];
        if (fill !== undefined) fill(entry, fact);
        s ??= subjectOf(kindSubjects, fact);
        s.entries.push(entry);
      }
    }
    // Every fact evaluated names a subject of the index, whatever it feeds.
    if (s === undefined && slot < 0) subjectOf(kindSubjects, fact);
    return true;
  };
  // A plain loop for in-memory iterables: `for await` would cost a microtask per fact.
  if (Array.isArray(facts)) {
    // Indexed: `for…of` in this async function allocates an iterator result per fact.
    const list = facts as StoredFact[];
    for (let i = 0; i < list.length; i++) {
      const fact = list[i] as StoredFact;
      if (!add(fact)) {
        await classifier.classify(fact);
        add(fact);
      }
    }
  } else if (Symbol.iterator in (facts as object)) {
    for (const fact of facts as Iterable<StoredFact>) {
      if (!add(fact)) {
        await classifier.classify(fact);
        add(fact);
      }
    }
  } else {
    for await (const fact of facts as AsyncIterable<StoredFact>) {
      if (!add(fact)) {
        await classifier.classify(fact);
        add(fact);
      }
    }
  }
  index.factCount = factCount;
  if (firstDay <= lastDay) {
    index.firstDay = firstDay;
    index.lastDay = lastDay;
  }
  for (const [s, list] of rosterFacts) s.rosterSpans = rosterSpans(list);
  finish(index, ruleSet);
  return index;
}

/** Fact types whose facts the engine needs one by one: verdict events, decisions, adjustments. */
function recordFactTypes(ruleSet: RuleSet): Set<string> {
  const types = new Set<string>();
  for (const rule of ruleSet.rules) for (const type of recordedFactTypes(rule)) types.add(type);
  return types;
}

function finish(index: FactIndex, ruleSet: RuleSet): void {
  const byEntry = (a: Entry, b: Entry) =>
    a.day - b.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.rule - b.rule);
  const byRecord = (a: EventRecord, b: EventRecord) => a.day - b.day || (a.fact.id < b.fact.id ? -1 : 1);
  for (const s of [...index.subjects.values()].sort((a, b) =>
    a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0,
  )) {
    s.entries.sort(byEntry);
    s.days = Int32Array.from(s.entries, (e) => e.day);
    for (const list of s.records.values()) list.sort(byRecord);
    getOrInsert(index.byKind, s.subject.kind, () => []).push(s);
    const rosterSpec = ruleSet.manifest.scope.rosters[s.subject.kind];
    if (!rosterSpec?.group || !rosterSpec.groupKind) continue;
    const field = rosterSpec.group;
    const rosters = s.rosterSpans ? s.rosterSpans.map((span) => span.fact) : s.roster ? [s.roster] : [];
    for (const group of new Set(rosters.map((f) => f.data[field]))) {
      if (typeof group === 'string')
        getOrInsert(index.groups, `${rosterSpec.groupKind}:${group}`, () => []).push(s);
    }
  }
}

/** Entries of a subject with startDay ≤ day ≤ endDay (entries are sorted by day). */
export function entriesBetween(s: SubjectFacts, startDay: number, endDay: number): Entry[] {
  const list = s.entries;
  const days = s.days;
  if (!days) return list.filter((e) => e.day >= startDay && e.day <= endDay);
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as number) < startDay) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < days.length && (days[end] as number) <= endDay) end++;
  return lo === end ? NO_ENTRIES : list.slice(lo, end);
}

/** The answer for a range without entries (most subjects' quarters have none): never written to. */
const NO_ENTRIES: Entry[] = [];
Object.freeze(NO_ENTRIES);
