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
import { compareLatest } from './fact-order.js';
import { type RosterSpan, rosterSpans } from './roster-spans.js';

export interface Entry {
  day: number;
  date: string;
  id: string;
  rule: number; // index into Classifier.rules
  code?: string;
  numerator?: number;
  denominator?: number;
  /** the value of the field a scaled fact-points rule counts (scale.field) */
  amount?: number;
}

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
  /** half-month index → measure rule index → [count, sum, trueCount] */
  measures: Map<number, Map<number, [number, number, number]>>;
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
  const dayCache = new Map<string, number>();
  const halfCache = new Map<string, number>();
  const subjectsByKind = new Map<string, Map<string, SubjectFacts>>();

  // Returns false when the fact's signature is not classified yet (the caller awaits and retries).
  const add = (fact: StoredFact): boolean => {
    if (fact.type === 'retraction' || (retracted as ReadonlySet<string>).has(fact.id)) return true;
    const isRoster = rosterTypes.get(fact.type) === fact.subject.kind;
    if (
      !isRoster &&
      (fact.occurredOn < effective.from || (effective.to !== undefined && fact.occurredOn > effective.to))
    )
      return true;
    const matches = isRoster ? [] : classifier.knownFor(fact);
    if (!matches) return false;
    // Two-level lookup by kind then id: no key string is built per fact.
    let ofKind = subjectsByKind.get(fact.subject.kind);
    if (!ofKind) {
      ofKind = new Map();
      subjectsByKind.set(fact.subject.kind, ofKind);
    }
    let s = ofKind.get(fact.subject.id);
    if (!s) {
      const key = subjectKey(fact.subject);
      s = {
        subject: { kind: fact.subject.kind, id: fact.subject.id },
        key,
        entries: [],
        measures: new Map(),
        records: new Map(),
      };
      subjects.set(key, s);
      ofKind.set(fact.subject.id, s);
    }
    index.factCount++;
    if (isRoster) {
      if (!s.roster || compareLatest(fact, s.roster) > 0) s.roster = fact;
      if (datedKinds.has(fact.subject.kind)) getOrInsert(rosterFacts, s, () => []).push(fact);
      return true;
    }
    let day = dayCache.get(fact.occurredOn);
    if (day === undefined) {
      day = dayNumber(fact.occurredOn);
      dayCache.set(fact.occurredOn, day);
    }
    if (index.firstDay === null || day < index.firstDay) index.firstDay = day;
    if (index.lastDay === null || day > index.lastDay) index.lastDay = day;
    if (recordTypes.has(fact.type)) {
      getOrInsert(s.records, fact.type, () => []).push({ day, fact });
    }
    for (const ruleIndex of matches) {
      const rule = classifier.rules[ruleIndex];
      if (!rule) continue;
      if (rule.kind === 'measure') {
        let half = halfCache.get(fact.occurredOn);
        if (half === undefined) {
          half = periodIndex(periodContaining(fact.occurredOn, 'half-month'));
          halfCache.set(fact.occurredOn, half);
        }
        // get-then-set rather than getOrInsert: no closure per fact on the hottest path.
        let bucket = s.measures.get(half);
        if (!bucket) {
          bucket = new Map();
          s.measures.set(half, bucket);
        }
        let acc = bucket.get(ruleIndex);
        if (!acc) {
          acc = [0, 0, 0];
          bucket.set(ruleIndex, acc);
        }
        acc[0] += 1;
        const value = rule.field === undefined ? undefined : fact.data[rule.field];
        if (typeof value === 'number') acc[1] += value;
        if (value === true) acc[2] += 1;
      } else {
        const entry: Entry = { day, date: fact.occurredOn, id: fact.id, rule: ruleIndex };
        if (rule.kind === 'fact-points' && rule.codes) entry.code = String(fact.data.code);
        if (rule.kind === 'fact-points' && rule.scale) entry.amount = factAmount(fact.data, rule.scale.field);
        if (rule.kind === 'ratio-points') {
          entry.numerator = Number(fact.data[rule.numerator]) || 0;
          entry.denominator = Number(fact.data[rule.denominator]) || 0;
        }
        s.entries.push(entry);
      }
    }
    return true;
  };
  // A plain loop for in-memory iterables: `for await` would cost a microtask per fact.
  if (Symbol.iterator in (facts as object)) {
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
  for (const [s, list] of rosterFacts) s.rosterSpans = rosterSpans(list);
  finish(index, ruleSet);
  return index;
}

/** Fact types whose facts the engine needs one by one: verdict events, decisions, adjustments. */
function recordFactTypes(ruleSet: RuleSet): Set<string> {
  const types = new Set<string>();
  for (const rule of ruleSet.rules) {
    if (rule.kind === 'decision') types.add(rule.factType);
    if (rule.kind === 'annual-score' && rule.adjustments) types.add(rule.adjustments.factType);
    if (rule.kind === 'condition') {
      for (const spec of Object.values(rule.measures)) {
        if ('events' in spec) {
          types.add(spec.events.factType);
          if (spec.events.after) types.add(spec.events.after.factType);
        }
      }
    }
  }
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

/** The amount a fact brings to a scaled rule (its field's value; anything but a number is 0). */
function factAmount(data: Record<string, unknown>, field: string): number {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Entries of a subject with startDay ≤ day ≤ endDay (entries are sorted by day). */
export function entriesBetween(s: SubjectFacts, startDay: number, endDay: number): Entry[] {
  const list = s.entries;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Entry).day < startDay) lo = mid + 1;
    else hi = mid;
  }
  const out: Entry[] = [];
  for (let i = lo; i < list.length && (list[i] as Entry).day <= endDay; i++) out.push(list[i] as Entry);
  return out;
}
