// The example centre's windows and staff, including the roster changes the verdicts must cope
// with: mid-year joiners (one with too few days to be ranked in the joining quarter), leavers,
// window moves (transfers), a category change, and both staff categories (and some staff with no
// category at all). A roster fact holds from its occurredOn until the next one (facts.md).
import { dateOf, workingDayOnOrAfter, workingDayOnOrBefore, ymd } from './calendar.js';
import { GIVEN_NAMES, pad, SURNAMES, type WindowKind, windowKind } from './names.js';
import type { Rng } from './prng.js';
import type { FactSink } from './sink.js';

export interface WindowInfo {
  id: string;
  name: string;
  kind: WindowKind;
}

export interface StaffInfo {
  id: string;
  name: string;
  window: string;
  unit: string;
  joinedOn: number;
  leftOn?: number;
  category?: 'civil-servant' | 'contract';
  /** Later roster facts move the staff member to another window on each `on` (ascending). */
  moves?: { on: number; window: string }[];
  /** A later roster fact changes the staff member's category on `on`. */
  categoryChange?: { on: number; category: 'civil-servant' | 'contract' };
  /** Set by roles that need a quiet record from this day on (see cast.ts). */
  quietFrom?: number;
  /** Expected ordinary findings per quarter. */
  noise: number;
}

export interface Roster {
  windows: WindowInfo[];
  staff: StaffInfo[];
  years: number[];
  /** First and last day covered by the data. */
  from: number;
  to: number;
}

export function staffId(n: number): string {
  return `S${pad(n, 3)}`;
}

export function buildRoster(
  options: { staff: number; windows: number; years: number[] },
  rng: Rng,
  contractStaff: readonly string[] = [],
): Roster {
  const years = options.years.slice().sort((a, b) => a - b);
  const y0 = years[0] as number;
  const y1 = years[1] === y0 + 1 ? y0 + 1 : undefined;
  const last = years[years.length - 1] as number;
  const width = Math.max(2, String(options.windows).length);
  const windows: WindowInfo[] = [];
  for (let i = 0; i < options.windows; i++) {
    const { kind, name } = windowKind(i);
    windows.push({ id: `W${pad(i + 1, width)}`, name, kind });
  }

  const n = options.staff;
  // The last three staff join during the data; two staff leave (their places are taken by joiners).
  const joinDates = [ymd(y0, 5, 14), ymd(y0, 6, 11), y1 ? ymd(y1, 3, 4) : ymd(y0, 9, 17)].map(
    workingDayOnOrAfter,
  );
  const leavers = new Map<number, number>([
    [11, workingDayOnOrBefore(ymd(y0, 10, 19))],
    [38, workingDayOnOrBefore(y1 ? ymd(y1, 8, 16) : ymd(y0, 8, 16))],
  ]);
  const staff: StaffInfo[] = [];
  for (let i = 1; i <= n; i++) {
    const id = staffId(i);
    const window = windows[(i - 1) % windows.length] as WindowInfo;
    const joinIndex = n >= 12 ? i - (n - 2) : -1;
    const joinedOn = joinIndex >= 0 ? (joinDates[joinIndex] as number) : randomPastDay(rng, y0);
    const category = contractStaff.includes(id)
      ? 'contract'
      : i % 9 === 0
        ? undefined
        : rng.chance(0.35)
          ? 'contract'
          : 'civil-servant';
    const info: StaffInfo = {
      id,
      name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`,
      window: window.id,
      unit: rng.pick(window.kind.units),
      joinedOn,
      noise: rng.weighted([
        [0.3, 30],
        [1.5, 45],
        [3, 25],
      ]),
    };
    if (category) info.category = category;
    const leftOn = n >= 40 ? leavers.get(i) : undefined;
    if (leftOn !== undefined) info.leftOn = leftOn;
    staff.push(info);
  }
  // Transfers: one staff member changes window early in the second year, preferably to another
  // window of the same department (社保 → 人社); two more move mid-quarter, one of them in the
  // middle of a designed bottom-group quarter, so their deductions split between two windows.
  const siblingOf = (w: WindowInfo) =>
    windows.find((o) => o !== w && o.kind.department === w.kind.department);
  const windowOf = (s: StaffInfo) => windows.find((w) => w.id === s.window) as WindowInfo;
  const nextWindow = (s: StaffInfo) =>
    siblingOf(windowOf(s)) ?? (windows[(windows.indexOf(windowOf(s)) + 1) % windows.length] as WindowInfo);
  const stayer = (s: StaffInfo | undefined): s is StaffInfo =>
    s !== undefined && s.leftOn === undefined && s.joinedOn < ymd(y0, 1, 1);
  const candidates = staff.slice(16).filter(stayer);
  const mover = candidates.find((s) => siblingOf(windowOf(s))) ?? candidates[0];
  if (mover && windows.length > 1 && y1) {
    mover.moves = [{ on: workingDayOnOrBefore(ymd(y1, 3, 1)), window: nextWindow(mover).id }];
  }
  const midQuarter: [number, number, number, number][] = [
    [7, y0, 8, 15], // S007, bottom group in the designed 2018-Q2 and 2018-Q3
    [30, y1 ?? y0, 5, 16],
  ];
  for (const [n, y, m, d] of midQuarter) {
    const s = staff[n - 1];
    if (windows.length > 1 && stayer(s) && !s.moves)
      s.moves = [{ on: workingDayOnOrAfter(ymd(y, m, d)), window: nextWindow(s).id }];
  }
  // A category change in the second year: S024 (contract, 合格 in the first year), else the first
  // contract stayer without a designed grade decision, becomes a civil servant on 1 July.
  const contractStayer = (s: StaffInfo | undefined): s is StaffInfo =>
    stayer(s) && s.category === 'contract' && !contractStaff.includes(s.id);
  const s24 = staff[23];
  const changer = contractStayer(s24) ? s24 : staff.find(contractStayer);
  if (changer)
    changer.categoryChange = { on: workingDayOnOrAfter(ymd(y1 ?? y0, 7, 1)), category: 'civil-servant' };
  return { windows, staff, years, from: ymd(y0, 1, 1), to: ymd(last, 12, 31) };
}

/** A working day in the few years before the data starts: when long-serving staff joined. */
function randomPastDay(rng: Rng, y0: number): number {
  return workingDayOnOrBefore(rng.int(ymd(y0 - 6, 1, 1), ymd(y0 - 1, 12, 31)));
}

export function emitRoster(roster: Roster, sink: FactSink, firstWorkingDay: number): void {
  for (const w of roster.windows) {
    sink.add(
      'roster.window',
      'window',
      w.id,
      firstWorkingDay,
      { name: w.name, department: w.kind.department },
      'import',
    );
  }
  for (const s of roster.staff) {
    const on = Math.max(s.joinedOn, firstWorkingDay);
    sink.add('roster.staff', 'staff', s.id, on, rosterData(s, on, false), 'import');
    // A leaver's roster is updated on the last day; a mover's or a category change when it happens.
    const changes = [...(s.moves ?? []).map((m) => m.on), ...(s.categoryChange ? [s.categoryChange.on] : [])];
    for (const day of [...new Set(changes)].sort((a, b) => a - b))
      sink.add('roster.staff', 'staff', s.id, day, rosterData(s, day, false), 'import');
    if (s.leftOn !== undefined)
      sink.add('roster.staff', 'staff', s.id, s.leftOn, rosterData(s, s.leftOn, true), 'import');
  }
}

/** The roster data in force on `day`: the window after the moves so far, the category then. */
function rosterData(s: StaffInfo, day: number, withLeft: boolean): Record<string, unknown> {
  let window = s.window;
  for (const m of s.moves ?? []) if (m.on <= day) window = m.window;
  const category = s.categoryChange && s.categoryChange.on <= day ? s.categoryChange.category : s.category;
  const data: Record<string, unknown> = {
    name: s.name,
    window,
    dispatchingUnit: s.unit,
    joinedOn: dateOf(s.joinedOn),
  };
  if (withLeft && s.leftOn !== undefined) data.leftOn = dateOf(s.leftOn);
  if (category) data.category = category;
  return data;
}
