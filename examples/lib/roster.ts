// The example centre's windows and staff, including the roster changes the verdicts must cope
// with: mid-year joiners (one with too few days to be ranked in the joining quarter), leavers, a
// window move, and both staff categories (and some staff with no category at all).
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
  /** A later roster fact moves the staff member to another window on `on`. */
  move?: { on: number; window: string };
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
  // One staff member changes window; the later roster fact holds for all periods (docs/facts.md).
  // One staff member changes window, preferably to another window of the same department (社保 →
  // 人社); the later roster fact holds for all periods (docs/facts.md).
  const siblingOf = (w: WindowInfo) =>
    windows.find((o) => o !== w && o.kind.department === w.kind.department);
  const windowOf = (s: StaffInfo) => windows.find((w) => w.id === s.window) as WindowInfo;
  const candidates = staff.slice(16).filter((s) => s.leftOn === undefined && s.joinedOn < ymd(y0, 1, 1));
  const mover = candidates.find((s) => siblingOf(windowOf(s))) ?? candidates[0];
  if (mover && windows.length > 1 && y1) {
    const target =
      siblingOf(windowOf(mover)) ??
      (windows[(windows.indexOf(windowOf(mover)) + 1) % windows.length] as WindowInfo);
    mover.move = { on: workingDayOnOrBefore(ymd(y1, 3, 1)), window: target.id };
  }
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
    sink.add('roster.staff', 'staff', s.id, on, rosterData(s, s.window, false), 'import');
    // A leaver's roster is updated on the last day; a mover's when the move happens.
    if (s.leftOn !== undefined)
      sink.add('roster.staff', 'staff', s.id, s.leftOn, rosterData(s, s.window, true), 'import');
    if (s.move)
      sink.add('roster.staff', 'staff', s.id, s.move.on, rosterData(s, s.move.window, false), 'import');
  }
}

function rosterData(s: StaffInfo, window: string, withLeft: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {
    name: s.name,
    window,
    dispatchingUnit: s.unit,
    joinedOn: dateOf(s.joinedOn),
  };
  if (withLeft && s.leftOn !== undefined) data.leftOn = dateOf(s.leftOn);
  if (s.category) data.category = s.category;
  return data;
}
