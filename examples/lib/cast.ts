// The designed cast: which staff members are meant to meet (or narrowly miss) each return-to-unit
// condition of A7.4, and the exact bottom group of every quarter. Ordinary staff are capped at
// ORDINARY_CAP points a quarter (see noise.ts) and every scheduled "heavy" staff member loses more,
// so with the default parameters each quarter's bottom group is exactly the schedule below.
import { dateOf, quarterRange, workingDayOnOrAfter, ymd } from './calendar.js';
import { scheduleFillers } from './fillers.js';
import { type Cast, quarterKey, type Role } from './plan.js';
import type { Rng } from './prng.js';
import type { Roster, StaffInfo } from './roster.js';
import { CRITICISM_POINTS, findingPoints } from './sink.js';

export type { Cast, Designed, Heavy, Role } from './plan.js';
export { BOTTOM_N, ORDINARY_CAP, quarterKey } from './plan.js';

export function castRoles(roster: Roster, rng: Rng): Cast {
  const y0 = roster.years[0] as number;
  const y1 = roster.years[1] === y0 + 1 ? y0 + 1 : undefined;
  const yLast = y1 ?? y0;
  const byId = new Map(roster.staff.map((s) => [s.id, s]));
  const stable = (s: StaffInfo | undefined): s is StaffInfo =>
    s !== undefined && s.leftOn === undefined && s.joinedOn < roster.from;
  const cast: Cast = { heavy: [], events: [], roles: [], reserved: new Set() };
  const on = (y: number, m: number, d: number) => workingDayOnOrAfter(ymd(y, m, d));
  const staffRole = (id: string, fn: (s: StaffInfo) => void) => {
    const s = byId.get(id);
    if (!stable(s)) return;
    cast.reserved.add(id);
    fn(s);
  };
  const finding = (s: StaffInfo, day: number, code: string, extra: Record<string, unknown> = {}) =>
    cast.events.push({
      type: 'finding',
      kind: 'staff',
      subject: s.id,
      day,
      data: { code, ...extra },
      source: code === 'late' || code === 'early-leave' ? 'attendance-system' : 'video-patrol',
      points: findingPoints(code),
    });
  const event = (s: StaffInfo, type: string, day: number, data: Record<string, unknown>, points = 0) =>
    cast.events.push({
      type,
      kind: 'staff',
      subject: s.id,
      day,
      data,
      source: type === 'education' ? 'assessment-group' : 'supervisory-organ',
      points,
    });

  // A7.4.3: bottom-group streaks, by many late arrivals in the scheduled quarters.
  const streaks: [string, [number, number][], boolean, string][] = [
    [
      'S007',
      [
        [y0, 2],
        [y0, 3],
      ],
      true,
      'bottom group in two consecutive quarters',
    ],
    [
      'S021',
      [
        [y0, 1],
        [y0, 4],
      ],
      true,
      'bottom group in Q1 and Q4 of one year (3 quarters apart, rolling 12 months)',
    ],
  ];
  if (y1) {
    streaks.push(
      [
        'S013',
        [
          [y0, 4],
          [y1, 1],
        ],
        true,
        'bottom group in Q4 and the next Q1 (consecutive across the year boundary)',
      ],
      [
        'S029',
        [
          [y0, 1],
          [y1, 1],
        ],
        false,
        'bottom group in Q1 of two years: 4 quarters apart, so NOT met',
      ],
      [
        'S034',
        [
          [y1, 2],
          [y1, 3],
        ],
        true,
        'bottom group in two consecutive quarters',
      ],
    );
  }
  for (const [id, quarters, met, story] of streaks) {
    staffRole(id, (s) => {
      for (const [y, q] of quarters)
        cast.heavy.push({
          staff: s.id,
          quarter: quarterKey(y, q),
          target: rng.int(16, 24),
          role: 'designed',
        });
      const [ly, lq] = quarters[quarters.length - 1] as [number, number];
      const role: Role = {
        staff: s.id,
        provision: 'A7.4.3',
        met,
        story: `${story}: ${quarters.map(([y, q]) => quarterKey(y, q)).join(', ')}`,
      };
      if (met) role.metFrom = dateOf(quarterRange(ly, lq).to + 1);
      cast.roles.push(role);
    });
  }

  // A7.4.5: an accepted gift (A7.3.1, 10 points) found out, then determined a serious violation.
  staffRole('S036', (s) => {
    const gift = on(yLast, 6, 5);
    const violation = on(yLast, 6, 18);
    cast.heavy.push({
      staff: s.id,
      quarter: quarterKey(yLast, 2),
      target: 10 + rng.int(2, 4),
      code: 'accepted-gift',
      codeDay: gift,
      role: 'designed',
    });
    event(s, 'serious-violation', violation, {
      note: '利用职务便利收受服务对象购物卡，经区纪委监委认定为严重违纪，造成恶劣影响',
    });
    cast.roles.push({
      staff: s.id,
      provision: 'A7.4.5',
      met: true,
      metFrom: dateOf(violation + 1),
      story: `accepted-gift finding ${dateOf(gift)} (and bottom group ${yLast}-Q2), serious-violation ${dateOf(violation)}`,
    });
  });

  // A7.4.6: an administrative sanction.
  staffRole('S019', (s) => {
    const day = on(yLast, 9, 10);
    event(s, 'sanction', day, { kind: 'administrative', note: '违反工作纪律，受到行政记过处分' });
    cast.roles.push({
      staff: s.id,
      provision: 'A7.4.6',
      met: true,
      metFrom: dateOf(day + 1),
      story: `sanction (administrative) on ${dateOf(day)}`,
    });
  });

  // A7.4.2: an education, then 3 findings within 12 months (S040); only 2 (S043). Both stay quiet
  // otherwise after their education, so the count is exactly the designed one.
  staffRole('S040', (s) => {
    const e = on(y0, y1 ? 9 : 2, 12);
    const days = [34, 83, 160].map((d) => workingDayOnOrAfter(e + d));
    s.quietFrom = e;
    event(s, 'education', e, { note: '本季度多次迟到、桌面不整洁，中心主任约谈并进行批评教育' });
    finding(s, days[0] as number, 'late', { minutes: 12 });
    finding(s, days[1] as number, 'untidy-desk', { note: '日常巡查发现桌面堆放私人物品' });
    finding(s, days[2] as number, 'private-call-while-serving', {
      note: '视频巡查发现办理业务时接听私人电话',
    });
    cast.roles.push({
      staff: s.id,
      provision: 'A7.4.2',
      met: true,
      metFrom: dateOf((days[2] as number) + 1),
      story: `education ${dateOf(e)}, then findings ${days.map(dateOf).join(', ')}`,
    });
  });
  staffRole('S043', (s) => {
    const e = on(yLast, 3, 13);
    const days = [56, 252].map((d) => workingDayOnOrAfter(e + d)).filter((d) => d <= roster.to);
    s.quietFrom = e;
    event(s, 'education', e, { note: '多次早退、上班时间扎堆聊天，中心进行批评教育' });
    finding(s, days[0] as number, 'late', { minutes: 8 });
    if (days[1] !== undefined) finding(s, days[1], 'early-leave', { minutes: 20 });
    cast.roles.push({
      staff: s.id,
      provision: 'A7.4.2',
      met: false,
      story: `education ${dateOf(e)}, then only ${days.length} findings (${days.map(dateOf).join(', ')}): NOT met`,
    });
  });

  // A7.4.4: two circulated criticisms under 12 months apart (S025); exactly 12 months apart (S032).
  if (y1) {
    staffRole('S025', (s) => {
      const a = on(y0, 6, 12);
      const b = on(y1, 3, 20);
      event(s, 'circulated-criticism', a, { organ: '区纪委监委' }, CRITICISM_POINTS);
      event(s, 'circulated-criticism', b, { organ: '区委区政府督查室' }, CRITICISM_POINTS);
      cast.roles.push({
        staff: s.id,
        provision: 'A7.4.4',
        met: true,
        metFrom: dateOf(b + 1),
        story: `circulated criticisms ${dateOf(a)} and ${dateOf(b)}`,
      });
    });
    staffRole('S032', (s) => {
      let [m, d] = [4, 10];
      while (
        ymd(y0, m, d) !== workingDayOnOrAfter(ymd(y0, m, d)) ||
        ymd(y1, m, d) !== workingDayOnOrAfter(ymd(y1, m, d))
      )
        d++;
      const a = ymd(y0, m, d);
      const b = ymd(y1, m, d);
      event(s, 'circulated-criticism', a, { organ: '区纪委监委' }, CRITICISM_POINTS);
      event(s, 'circulated-criticism', b, { organ: '市政务服务管理办公室' }, CRITICISM_POINTS);
      cast.roles.push({
        staff: s.id,
        provision: 'A7.4.4',
        met: false,
        story: `circulated criticisms ${dateOf(a)} and ${dateOf(b)}: exactly 12 months apart, NOT met`,
      });
    });
    // A7.4.1: the assessment group decides 不称职 for a contract staff member (whose own label for
    // that tier is 不合格: docs/facts.md says a label of the other set means the tier of the same rank).
    staffRole('S044', (s) => {
      const day = on(y1, 1, 15);
      cast.events.push({
        type: 'grade-decision',
        kind: 'staff',
        subject: s.id,
        day,
        data: {
          period: String(y0),
          grade: '不称职',
          reason: '全年多次违反工作纪律且经教育不改，考核小组研究确定为不称职',
        },
        source: 'assessment-group',
        points: 0,
      });
      cast.roles.push({
        staff: s.id,
        provision: 'A7.4.1',
        met: true,
        metFrom: dateOf(day + 1),
        story: `contract staff; grade-decision ${y0} → 不称职 (= 不合格) on ${dateOf(day)}`,
      });
    });
  }

  scheduleFillers(roster, cast, rng, stable);
  return cast;
}
