// The everyday volume around the findings: satisfaction ratings, case counts, leave, online share,
// publicity, leaders on site, and the assessment group's year-end adjustments and decisions.
import {
  monthEnd,
  quarterOf,
  weekStart,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  ymd,
} from './calendar.js';
import type { Cast } from './plan.js';
import type { Rng } from './prng.js';
import type { Roster, StaffInfo } from './roster.js';
import type { FactSink } from './sink.js';

const LEAVE_KINDS = [
  ['annual', 55],
  ['sick', 25],
  ['personal', 15],
  ['other', 5],
] as const;
const LEADER_NOTES = [
  '分管领导到窗口现场办公，协调解决群众办事难点问题',
  '部门主要负责人到窗口现场办公',
  '分管领导现场督导窗口服务工作',
];

/** `perStaffPerYear`: ratings + cases facts per staff member and year (one `cases` a week, the rest
 * ratings); the default 156 is about two ratings a week. */
export function emitActivity(
  roster: Roster,
  cast: Cast,
  sink: FactSink,
  rng: Rng,
  perStaffPerYear = 156,
): void {
  const ratingsPerWeek = Math.max(0, perStaffPerYear / 52 - 1);
  const heavy = new Set(cast.heavy.map((h) => `${h.staff}@${h.quarter}`));
  const windowOf = new Map(roster.windows.map((w) => [w.id, w]));
  const days = workingDaysBetween(roster.from, roster.to);

  for (const s of roster.staff) {
    const active = days.filter((d) => d >= s.joinedOn && d <= (s.leftOn ?? roster.to));
    const rate = windowOf.get(s.window)?.kind.casesPerDay ?? 10;
    const satisfaction = s.noise >= 3 ? 0.9 : 0.97;
    // Per week: some ratings, and one `cases` fact for the week's volume on its last working day.
    let week: number[] = [];
    const flush = () => {
      if (week.length === 0) return;
      for (let k = Math.min(rng.poisson(ratingsPerWeek), 2 * ratingsPerWeek + 2); k > 0; k--) {
        sink.add('rating', 'staff', s.id, rng.pick(week), { satisfied: rng.chance(satisfaction) }, 'import');
      }
      const data: Record<string, unknown> = {
        count: Math.round(rate * week.length * (0.7 + 0.6 * rng.next())),
      };
      if (rng.chance(0.08)) data.overdue = rng.int(1, 2);
      sink.add('cases', 'staff', s.id, week[week.length - 1] as number, data, 'import');
      week = [];
    };
    for (const d of active) {
      if (week.length > 0 && weekStart(d) !== weekStart(week[0] as number)) flush();
      week.push(d);
    }
    flush();
    for (const year of roster.years) leave(s, year, active);
  }

  function leave(s: StaffInfo, year: number, active: number[]) {
    const inYear = active.filter((d) => d >= ymd(year, 1, 1) && d <= ymd(year, 12, 31));
    if (inYear.length === 0) return;
    for (let k = rng.poisson(2.5); k > 0; k--) {
      const kind = rng.weighted(LEAVE_KINDS);
      const days =
        kind === 'annual' ? rng.int(1, 5) : kind === 'sick' ? rng.pick([0.5, 1, 2, 3]) : rng.pick([0.5, 1]);
      sink.add('leave', 'staff', s.id, rng.pick(inYear), { days, kind }, 'attendance-system');
    }
  }

  // Per window and month: the online share (growing over time), a satisfaction rating or two of the
  // window as a whole, now and then a leader on site.
  for (const w of roster.windows) {
    let month = roster.from;
    while (month <= roster.to) {
      const end = monthEnd(month);
      const inMonth = workingDaysBetween(month, end);
      const t = (month - roster.from) / 365;
      const share = Math.min(
        0.95,
        Math.max(0.02, w.kind.online + w.kind.onlineGrowth * t + (rng.next() - 0.5) * 0.1),
      );
      const total = Math.round(w.kind.casesPerDay * 4 * inMonth.length * (0.8 + 0.4 * rng.next()));
      sink.add(
        'online-share',
        'window',
        w.id,
        workingDayOnOrBefore(end),
        { online: Math.round(total * share), total },
        'import',
      );
      for (let k = rng.int(1, 2); k > 0; k--)
        sink.add('rating', 'window', w.id, rng.pick(inMonth), { satisfied: rng.chance(0.95) }, 'import');
      if (rng.chance(0.3))
        sink.add(
          'leader-onsite',
          'window',
          w.id,
          rng.pick(inMonth),
          { note: rng.pick(LEADER_NOTES) },
          'onsite-patrol',
        );
      month = end + 1;
    }
  }

  // Publicity: a few articles and commendations a quarter (never in a scheduled bad quarter, whose
  // score must stay exact), and the occasional article about a window.
  for (const d of days) {
    if (rng.chance(0.06)) {
      const s = rng.pick(roster.staff);
      if (d >= s.joinedOn && d <= (s.leftOn ?? roster.to) && !heavy.has(`${s.id}@${quarterOf(d)}`)) {
        sink.add(
          'publicity',
          'staff',
          s.id,
          d,
          { kind: rng.chance(0.8) ? 'article' : 'commendation' },
          'assessment-group',
        );
      }
    }
    if (rng.chance(0.015))
      sink.add(
        'publicity',
        'window',
        rng.pick(roster.windows).id,
        d,
        { kind: 'article' },
        'assessment-group',
      );
  }
}

/** Year-end special points (A8.3.1.4) and two more decisions of the assessment group. */
export function emitYearEnd(roster: Roster, sink: FactSink): void {
  const [y0, y1] = roster.years as [number, number | undefined];
  const on = (y: number, m: number, d: number) => workingDayOnOrAfter(ymd(y, m, d));
  const has = (id: string) =>
    roster.staff.some((s) => s.id === id) || roster.windows.some((w) => w.id === id);
  const adjust = (
    kind: 'staff' | 'window',
    id: string,
    day: number,
    points: number,
    year: number,
    reason: string,
  ) => {
    if (has(id)) sink.add('score-adjustment', kind, id, day, { points, reason, year }, 'assessment-group');
  };
  adjust('staff', 'S002', on(y0, 12, 20), 2, y0, '获评市级"巾帼建功标兵"，年度特殊加分');
  adjust('staff', 'S015', on(y0, 12, 27), -1, y0, '年度内无故缺席业务培训两次');
  adjust('window', 'W01', on(y0, 12, 27), 1, y0, '窗口获评全市政务服务标准化示范窗口');
  if (y1 === y0 + 1) {
    adjust('staff', 'S023', on(y1, 12, 18), 1.5, y1, '提出的办事流程优化建议被区政府采纳推广');
    adjust('staff', 'S010', on(y1, 12, 18), -2, y1, '年度内多次未按要求参加周例会');
    const decide = on(y1, 1, 15);
    if (has('S021'))
      sink.add(
        'grade-decision',
        'staff',
        'S021',
        decide,
        { period: String(y0), grade: '基本称职', reason: '两个季度进入后6名，考核小组研究确定为基本称职' },
        'assessment-group',
      );
    if (has('W04'))
      sink.add(
        'grade-decision',
        'window',
        'W04',
        decide,
        {
          period: String(y0),
          grade: '优秀窗口',
          reason: '全年无投诉，群众满意度高，考核小组研究确定为优秀窗口',
        },
        'assessment-group',
      );
  }
}
