// Findings and complaints: the designed ones of cast.ts, the scheduled bad quarters, and the
// ordinary background of minor breaches (capped so ordinary staff stay out of the bottom group).
import type { Fact } from '../../src/model/fact.js';
import { dayOf, quarterRange, workingDayOnOrAfter, workingDaysBetween } from './calendar.js';
import { type Cast, ORDINARY_CAP, quarterKey } from './plan.js';
import type { Rng } from './prng.js';
import type { Roster, StaffInfo } from './roster.js';
import { COMPLAINT_POINTS, type FactSink, findingPoints, type Ledger, type Source } from './sink.js';

/** Relative frequency of ordinary staff findings: mostly attendance, a long tail of conduct codes. */
const ORDINARY_CODES: readonly (readonly [string, number])[] = [
  ['late', 40],
  ['early-leave', 24],
  ['absent-from-post', 5],
  ['unrelated-person-in-work-area', 1],
  ['untidy-desk', 3],
  ['improper-posture', 2],
  ['work-phone-unanswered', 2],
  ['private-call-while-serving', 3],
  ['improper-dress', 1],
  ['unrelated-website', 2],
  ['trading-software', 0.5],
  ['group-chatting', 3],
  ['wandering-posts', 2],
  ['smoking', 0.5],
  ['eating', 2],
  ['makeup-in-public', 0.5],
  ['uncivil-behaviour', 0.4],
  ['cold-attitude', 1.5],
  ['dispute-not-reported', 0.5],
  ['noon-drinking', 0.2],
  ['doors-windows-unlocked', 1.5],
  ['power-left-on', 1.5],
  ['after-hours-entry-unregistered', 0.5],
];

const NOTES: Record<string, string> = {
  'absent-from-post': '上班时间无故离岗二十分钟以上',
  'private-call-while-serving': '视频巡查发现办理业务时接听私人电话',
  'unrelated-website': '工作时间浏览购物网站',
  'trading-software': '工作电脑安装并使用股票交易软件',
  'cold-attitude': '服务对象咨询时态度冷漠、语言生硬',
  'noon-drinking': '午间饮酒后上岗',
  smoking: '在办事大厅吸烟',
  'uncivil-behaviour': '在服务对象面前大声喧哗',
  'doors-windows-unlocked': '下班后窗口抽屉未上锁',
  'power-left-on': '下班未关闭电脑及打印机电源',
  'after-hours-entry-unregistered': '周末进入中心未报告登记',
  'accepted-gift': '收受服务对象赠送的购物卡',
  'solicited-money': '以加急办理为由向服务对象索要费用',
  'personal-expense-claimed': '要求服务对象报销个人餐费',
  'transactional-banquet': '参加服务对象安排的宴请',
  'paid-intermediary': '为中介机构介绍业务并收取好处费',
  'equipment-lost': '遗失中心统一配发的工作证',
  'equipment-damaged': '损坏中心统一配置的评价器',
  'equipment-moved-unregistered': '搬出打印机一台未到总服务台登记',
  'item-kept-outside-unapproved': '有一项事项未经批准仍在原单位办理',
  'item-accepted-at-home-office': '已进驻事项在原单位受理',
  'item-changed-unapproved': '进驻事项办理流程未经批准调整',
  'processed-outside-platform': '部分业务未通过网上审批系统办理',
};

const COMPLAINTS = [
  '服务对象反映办理业务等候时间过长',
  '服务对象反映工作人员解释不清',
  '服务对象反映材料被多次退回',
  '服务对象反映窗口人员态度生硬',
];

export interface NoiseResult {
  /** Ordinary attendance findings of unreserved staff: the pool retractions are drawn from. */
  retractable: Fact[];
  windowFindings: Fact[];
}

export function emitFindings(
  roster: Roster,
  cast: Cast,
  sink: FactSink,
  ledger: Ledger,
  rng: Rng,
): NoiseResult {
  const result: NoiseResult = { retractable: [], windowFindings: [] };
  const staffById = new Map(roster.staff.map((s) => [s.id, s]));
  const heavy = new Set(cast.heavy.map((h) => `${h.staff}@${h.quarter}`));
  const seen = new Set<string>();
  const finding = (s: StaffInfo, day: number, code: string, source?: Source): Fact => {
    const data: Record<string, unknown> = { code };
    if (code === 'late' || code === 'early-leave') data.minutes = rng.int(3, 45);
    else if (NOTES[code] && rng.chance(0.7)) data.note = NOTES[code];
    ledger.add(s.id, day, findingPoints(code));
    seen.add(code);
    const src =
      source ??
      (code === 'late' || code === 'early-leave'
        ? 'attendance-system'
        : rng.chance(0.5)
          ? 'onsite-patrol'
          : 'video-patrol');
    return sink.add('finding', 'staff', s.id, day, data, src, code);
  };

  for (const e of cast.events) {
    sink.add(
      e.type,
      e.kind,
      e.subject,
      e.day,
      e.data,
      e.source,
      e.type === 'finding' ? String(e.data.code) : e.type,
    );
    if (e.kind === 'staff') ledger.add(e.subject, e.day, e.points);
  }

  // Scheduled bad quarters: an integrity finding if any, then late arrivals and early leaves up
  // to exactly the target, so the quarter's score is known in advance.
  for (const h of cast.heavy) {
    const s = staffById.get(h.staff) as StaffInfo;
    const days = activeDays(s, h.quarter);
    const used = new Set<string>();
    const dayFor = (code: string): number => {
      for (;;) {
        const d = rng.pick(days);
        if (used.has(`${d}:${code}`)) continue;
        used.add(`${d}:${code}`);
        return d;
      }
    };
    if (h.code) finding(s, h.codeDay ?? dayFor(h.code), h.code, 'supervisory-organ');
    let remaining = h.target - ledger.get(s.id, days[0] as number);
    while (remaining > 0) {
      const code =
        remaining >= 2 && rng.chance(0.08) ? 'absent-from-post' : rng.chance(0.7) ? 'late' : 'early-leave';
      finding(s, dayFor(code), code);
      remaining -= findingPoints(code);
    }
  }

  // The ordinary background: each staff member has a habit (0.3, 1.5 or 3 findings a quarter).
  const quarters = roster.years.flatMap((y) => [1, 2, 3, 4].map((q) => quarterKey(y, q)));
  const used = new Set<string>();
  const ordinary = (s: StaffInfo, quarter: string, code: string): Fact | undefined => {
    const days = activeDays(s, quarter);
    if (days.length === 0 || heavy.has(`${s.id}@${quarter}`)) return undefined;
    const day = rng.pick(days);
    if (ledger.get(s.id, day) + findingPoints(code) > ORDINARY_CAP || used.has(`${s.id}@${day}:${code}`))
      return undefined;
    used.add(`${s.id}@${day}:${code}`);
    return finding(s, day, code);
  };
  for (const s of roster.staff) {
    for (const quarter of quarters) {
      for (let k = rng.poisson(s.noise); k > 0; k--) {
        const f = ordinary(s, quarter, rng.weighted(ORDINARY_CODES));
        if (f && !cast.reserved.has(s.id) && (f.data.code === 'late' || f.data.code === 'early-leave'))
          result.retractable.push(f);
      }
      for (let k = rng.poisson(0.12); k > 0; k--) complaint(s, quarter);
    }
  }
  function complaint(s: StaffInfo, quarter: string) {
    const days = activeDays(s, quarter);
    if (days.length === 0) return;
    const day = rng.pick(days);
    const fits = !heavy.has(`${s.id}@${quarter}`) && ledger.get(s.id, day) + COMPLAINT_POINTS <= ORDINARY_CAP;
    const substantiated = fits && rng.chance(0.4);
    if (substantiated) ledger.add(s.id, day, COMPLAINT_POINTS);
    sink.add(
      'complaint',
      'staff',
      s.id,
      day,
      { substantiated, note: rng.pick(COMPLAINTS) },
      'complaint-desk',
    );
  }

  // Every ordinary code appears at least once, and a few 0-point equipment findings (A5.2.3).
  const unreserved = roster.staff.filter((s) => !cast.reserved.has(s.id));
  for (const [code] of ORDINARY_CODES) {
    for (let tries = 0; !seen.has(code) && tries < 200; tries++) {
      if (ordinary(rng.pick(unreserved), rng.pick(quarters), code)) seen.add(code);
    }
  }
  for (const code of ['equipment-lost', 'equipment-damaged', 'equipment-damaged', 'equipment-lost']) {
    for (let tries = 0; tries < 200 && !ordinary(rng.pick(unreserved), rng.pick(quarters), code); tries++);
  }

  // Window findings are rare: processing outside the platform now and then, the A4 items once.
  const all = workingDaysBetween(roster.from, roster.to);
  for (const code of [
    'processed-outside-platform',
    'processed-outside-platform',
    'processed-outside-platform',
    'equipment-moved-unregistered',
    'item-kept-outside-unapproved',
    'item-accepted-at-home-office',
    'item-changed-unapproved',
  ]) {
    const w = rng.pick(roster.windows);
    result.windowFindings.push(
      sink.add('finding', 'window', w.id, rng.pick(all), { code, note: NOTES[code] }, 'onsite-patrol', code),
    );
  }
  for (let k = roster.years.length * 6; k > 0; k--) {
    const w = rng.pick(roster.windows);
    sink.add(
      'complaint',
      'window',
      w.id,
      rng.pick(all),
      { substantiated: rng.chance(0.3), note: rng.pick(COMPLAINTS) },
      'complaint-desk',
    );
  }
  return result;
}

/** Working days of a quarter on which the staff member is in the centre and not designed quiet. */
export function activeDays(s: StaffInfo, quarter: string): number[] {
  const { from, to } = quarterRange(Number(quarter.slice(0, 4)), Number(quarter.slice(6)));
  const last = Math.min(to, s.leftOn ?? to, s.quietFrom !== undefined ? s.quietFrom - 1 : to);
  return workingDaysBetween(Math.max(from, s.joinedOn), last);
}

/** A few findings withdrawn a few days later (e.g. an attendance-system fault): `retraction` facts. */
export function emitRetractions(
  noise: NoiseResult,
  sink: FactSink,
  ledger: Ledger,
  rng: Rng,
  to: number,
): void {
  const targets = rng.shuffle(noise.retractable).slice(0, 4);
  const windowTarget = noise.windowFindings.find((f) => f.data.code === 'processed-outside-platform');
  if (windowTarget) targets.push(windowTarget);
  for (const f of targets) {
    const target = dayOf(f.occurredOn);
    const day = workingDayOnOrAfter(target + rng.int(2, 8));
    if (day > to) continue;
    const reason =
      f.subject.kind === 'window'
        ? '经核实系网上审批系统故障期间的应急办理，撤销该记录'
        : '经核实系考勤机故障所致，撤销该考勤记录';
    sink.add('retraction', f.subject.kind, f.subject.id, day, { retracts: f.id, reason }, 'assessment-group');
    if (f.subject.kind === 'staff') ledger.add(f.subject.id, target, -findingPoints(String(f.data.code)));
  }
}
