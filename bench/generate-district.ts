// A district-sized fact stream for benchmarks: ~1.25 million facts for a year of 250 staff in 60
// windows, generated lazily (roster first, then day by day) so nobody needs the whole array in
// memory. Deterministic for a seed, and fast (several million facts a second): each fact is a fresh
// plain object (consumers may keep them), only date strings are formatted once per day.

import { dateOf, monthEnd, workingDayOnOrBefore, workingDaysOfYear } from '../examples/lib/calendar.js';
import { GIVEN_NAMES, pad, SURNAMES, windowKind } from '../examples/lib/names.js';
import { Rng } from '../examples/lib/prng.js';
import type { Fact, SubjectKind } from '../src/model/fact.js';

export interface DistrictOptions {
  seed: number;
  staff: number;
  windows: number;
  year: number;
  /** Exactly this many facts are yielded. */
  totalFacts: number;
}

export const DISTRICT: DistrictOptions = {
  seed: 2018,
  staff: 250,
  windows: 60,
  year: 2018,
  totalFacts: 1_250_000,
};

// Code pools (repeats weight them): attendance dominates, conduct codes follow, the rest is rare.
const STAFF_CODES = words(
  'late late late late early-leave early-leave absent-from-post untidy-desk private-call-while-serving ' +
    'group-chatting improper-posture work-phone-unanswered eating power-left-on doors-windows-unlocked ' +
    'cold-attitude wandering-posts unrelated-website',
);
const RARE_STAFF_CODES = words(
  'noon-drinking smoking trading-software makeup-in-public uncivil-behaviour improper-dress dispute-not-reported ' +
    'unrelated-person-in-work-area after-hours-entry-unregistered equipment-lost equipment-damaged accepted-gift ' +
    'solicited-money personal-expense-claimed transactional-banquet paid-intermediary',
);
const WINDOW_CODES = words(
  'processed-outside-platform processed-outside-platform equipment-moved-unregistered ' +
    'item-kept-outside-unapproved item-accepted-at-home-office item-changed-unapproved',
);
const LEAVE_KINDS = words('annual annual annual sick sick personal other');

function words(s: string): string[] {
  return s.split(' ');
}

export function* districtFacts(options: DistrictOptions): Generator<Fact> {
  const rng = new Rng(options.seed);
  const r = rng.next;
  const days = workingDaysOfYear(options.year);
  const wWidth = Math.max(2, String(options.windows).length);
  const sWidth = Math.max(3, String(options.staff).length);
  const windowIds = Array.from({ length: options.windows }, (_, i) => `W${pad(i + 1, wWidth)}`);
  const staffIds = Array.from({ length: options.staff }, (_, i) => `S${pad(i + 1, sWidth)}`);
  const staffWindow = staffIds.map((_, i) => i % options.windows);
  const first = dateOf(days[0] as number);
  let left = options.totalFacts;

  // Roster: every window, then every staff member, all dated the first working day. The last
  // window opens in May; the one before it closes in August (roster history: dated facts).
  const opensOn = dateOf(days[Math.floor(days.length * 0.35)] as number);
  const closeDay = Math.floor(days.length * 0.6);
  const windowData = (i: number): Record<string, unknown> => {
    const { kind, name } = windowKind(i);
    return i === windowIds.length - 1 && i > 1
      ? { name, department: kind.department, openedOn: opensOn }
      : { name, department: kind.department };
  };
  for (let i = 0; i < windowIds.length && left > 0; i++, left--) {
    yield fact(
      `f-${first}-${windowIds[i]}-roster.window-1`,
      'roster.window',
      'window',
      windowIds[i] as string,
      first,
      windowData(i),
      'import',
    );
  }
  const rosterData: Record<string, unknown>[] = [];
  for (let i = 0; i < staffIds.length && left > 0; i++, left--) {
    const w = staffWindow[i] as number;
    const joinedOn = dateOf(workingDayOnOrBefore((days[0] as number) - 30 - Math.floor(r() * 2000)));
    const data: Record<string, unknown> = {
      name: `${SURNAMES[Math.floor(r() * SURNAMES.length)]}${GIVEN_NAMES[Math.floor(r() * GIVEN_NAMES.length)]}`,
      window: windowIds[w],
      dispatchingUnit: windowKind(w).kind.units[0],
      joinedOn,
      category: r() < 0.35 ? 'contract' : 'civil-servant',
    };
    rosterData.push(data);
    yield fact(
      `f-${first}-${staffIds[i]}-roster.staff-1`,
      'roster.staff',
      'staff',
      staffIds[i] as string,
      first,
      { ...data },
      'import',
    );
  }

  // Then day by day, each day yielding its share of the rest: first the day's sprinkle of rarer
  // facts, then ratings and case counts up to the quota.
  const perDay = Math.floor(left / days.length);
  let extra = left - perDay * days.length;
  const recentFindings: Fact[] = []; // retraction targets: findings of earlier days
  const pickStaff = () => Math.floor(r() * staffIds.length);
  const pickWindow = () => Math.floor(r() * windowIds.length);
  const poisson = (mean: number) => rng.poisson(mean);
  const sanctionDay = Math.floor(days.length * 0.7);
  const violationDay = Math.floor(days.length * 0.45);
  for (let di = 0; di < days.length; di++) {
    const day = days[di] as number;
    const date = dateOf(day);
    let quota = perDay + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    let seq = 0;
    const id = (subject: string, tag: string) => `f-${date}-${subject}-${tag}-${++seq}`;
    const sprinkle: Fact[] = [];
    const staffFact = (type: string, data: Record<string, unknown>, source: string, tag = type) => {
      const s = staffIds[pickStaff()] as string;
      sprinkle.push(fact(id(s, tag), type, 'staff', s, date, data, source));
    };
    const windowFact = (type: string, data: Record<string, unknown>, source: string, tag = type) => {
      const w = windowIds[pickWindow()] as string;
      sprinkle.push(fact(id(w, tag), type, 'window', w, date, data, source));
    };
    const findingsToday: Fact[] = [];
    // Findings: a realistic rate for small totals, about 2 % of the day for big ones (so the
    // benchmark exercises the scoring rules, not only rating counts).
    for (let k = poisson(Math.max(options.staff * 0.03, perDay * 0.02)); k > 0; k--) {
      const code =
        r() < 0.03
          ? (RARE_STAFF_CODES[Math.floor(r() * RARE_STAFF_CODES.length)] as string)
          : (STAFF_CODES[Math.floor(r() * STAFF_CODES.length)] as string);
      const data: Record<string, unknown> =
        code === 'late' || code === 'early-leave' ? { code, minutes: 1 + Math.floor(r() * 45) } : { code };
      staffFact(
        'finding',
        data,
        code === 'late' || code === 'early-leave'
          ? 'attendance-system'
          : r() < 0.5
            ? 'onsite-patrol'
            : 'video-patrol',
        code,
      );
      findingsToday.push(sprinkle[sprinkle.length - 1] as Fact);
    }
    if (r() < 0.05)
      windowFact(
        'finding',
        { code: WINDOW_CODES[Math.floor(r() * WINDOW_CODES.length)] },
        'onsite-patrol',
        'window-finding',
      );
    for (let k = poisson(options.staff * 0.01); k > 0; k--)
      staffFact(
        'leave',
        { days: 1 + Math.floor(r() * 3), kind: LEAVE_KINDS[Math.floor(r() * LEAVE_KINDS.length)] },
        'attendance-system',
      );
    if (r() < 0.3) staffFact('complaint', { substantiated: r() < 0.4 }, 'complaint-desk');
    if (r() < 0.05) windowFact('complaint', { substantiated: r() < 0.3 }, 'complaint-desk');
    if (r() < 0.3)
      staffFact('publicity', { kind: r() < 0.8 ? 'article' : 'commendation' }, 'assessment-group');
    if (r() < 0.05) windowFact('publicity', { kind: 'article' }, 'assessment-group');
    if (r() < options.windows * 0.01)
      windowFact('leader-onsite', { note: '分管领导到窗口现场办公' }, 'onsite-patrol');
    if (r() < 0.03) staffFact('education', { note: '批评教育' }, 'assessment-group');
    if (r() < 0.01) staffFact('circulated-criticism', { organ: '区纪委监委' }, 'supervisory-organ');
    if (di === sanctionDay)
      staffFact('sanction', { kind: r() < 0.5 ? 'party' : 'administrative' }, 'supervisory-organ');
    if (di === violationDay)
      staffFact('serious-violation', { note: '严重违纪违规，造成恶劣影响' }, 'supervisory-organ');
    if (di === days.length - 1)
      staffFact(
        'grade-decision',
        { period: String(options.year), grade: '称职', reason: '考核小组研究确定' },
        'assessment-group',
      );
    const mover = pickStaff();
    const before = rosterData[mover];
    if (r() < 0.12 && before) {
      // A roster update from that day on: mostly a transfer to another window, else a category
      // change (about 30 a year: each staff member's deductions split by the day of each fact).
      const s = staffIds[mover] as string;
      const data =
        r() < 0.8
          ? { ...before, window: windowIds[pickWindow()] }
          : { ...before, category: before.category === 'contract' ? 'civil-servant' : 'contract' };
      rosterData[mover] = data;
      sprinkle.push(fact(id(s, 'roster.staff'), 'roster.staff', 'staff', s, date, { ...data }, 'import'));
    }
    if (di === closeDay && windowIds.length > 2) {
      const w = windowIds.length - 2;
      const data = { ...windowData(w), closedOn: date };
      sprinkle.push(
        fact(
          id(windowIds[w] as string, 'roster.window'),
          'roster.window',
          'window',
          windowIds[w] as string,
          date,
          data,
          'import',
        ),
      );
    }
    if (recentFindings.length > 0 && r() < 0.1) {
      // Withdraw an earlier day's finding, at most once (the last entry takes its place).
      const at = Math.floor(r() * recentFindings.length);
      const target = recentFindings[at] as Fact;
      recentFindings[at] = recentFindings[recentFindings.length - 1] as Fact;
      recentFindings.pop();
      const reason = '经核实系考勤机故障所致，撤销该记录';
      sprinkle.push(
        fact(
          id(target.subject.id, 'retraction'),
          'retraction',
          target.subject.kind,
          target.subject.id,
          date,
          { retracts: target.id, reason },
          'assessment-group',
        ),
      );
    }
    if (date.slice(5) >= '12-15' && r() < 0.3)
      staffFact(
        'score-adjustment',
        { points: r() < 0.7 ? 1 : -1, reason: '年度特殊加减分', year: options.year },
        'assessment-group',
      );
    if (day === workingDayOnOrBefore(monthEnd(day))) {
      for (const w of windowIds) {
        const total = 200 + Math.floor(r() * 800);
        sprinkle.push(
          fact(
            id(w, 'online-share'),
            'online-share',
            'window',
            w,
            date,
            { online: Math.floor(total * r()), total },
            'import',
          ),
        );
      }
    }

    const n = Math.min(quota, sprinkle.length);
    for (let k = 0; k < n; k++) yield sprinkle[k] as Fact;
    quota -= n;
    // Case counts: one per staff member a day at most, never more than a fifth of the fill.
    const cases = Math.min(staffIds.length, Math.floor(quota / 5));
    for (let k = 0; k < cases; k++) {
      const s = staffIds[(k + di * cases) % staffIds.length] as string;
      const data: Record<string, unknown> =
        r() < 0.05 ? { count: Math.floor(r() * 40), overdue: 1 } : { count: Math.floor(r() * 40) };
      yield fact(`f-${date}-${s}-cases-${++seq}`, 'cases', 'staff', s, date, data, 'import');
    }
    for (let k = quota - cases; k > 0; k--) {
      const onWindow = r() < 0.05;
      const subject = onWindow ? (windowIds[pickWindow()] as string) : (staffIds[pickStaff()] as string);
      yield fact(
        `f-${date}-${subject}-rating-${++seq}`,
        'rating',
        onWindow ? 'window' : 'staff',
        subject,
        date,
        { satisfied: r() < 0.96 },
        'import',
      );
    }
    for (const f of findingsToday.slice(0, n)) {
      if (recentFindings.length < 256) recentFindings.push(f);
      else recentFindings[Math.floor(r() * 256)] = f;
    }
  }
}

function fact(
  id: string,
  type: string,
  kind: SubjectKind,
  subjectId: string,
  occurredOn: string,
  data: Record<string, unknown>,
  source: string,
): Fact {
  return { id, type, subject: { kind, id: subjectId }, occurredOn, source, data };
}

/** The whole stream as an array (for small sizes or when memory is no concern). */
export function districtFactsArray(options: DistrictOptions): Fact[] {
  return Array.from(districtFacts(options));
}
