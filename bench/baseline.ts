// The bench's yardstick: the shipped measures' staff-quarter score and ranking, staff-year grade and
// return-to-unit verdict written out by hand for this one rule set (A5, A7.3, A7.4, A8.3.1), as a
// plain program would compute them. Only parameter *values* come from the loaded rule set; which
// fact feeds which rule is encoded here, so it must change whenever rules/ does (the bench compares
// every answer with the engine's and fails loudly when they part).
import type { StoredFact } from '../src/model/fact.js';
import { dayNumber, sameDateMonthsLater } from '../src/periods/dates.js';
import type { RuleSet, Scalar } from '../src/rules/types.js';

/** One staff member's facts, as the measures read them. */
interface Staff {
  id: string;
  roster?: StoredFact;
  /** point-bearing facts: day, date, parameter pricing it, +1 bonus / −1 deduction */
  points: { day: number; date: string; param: string; sign: 1 | -1 }[];
  findings: string[]; // occurredOn, sorted
  education: string[];
  criticisms: string[];
  seriousViolations: string[];
  sanctions: string[];
  adjustments: StoredFact[];
  decisions: StoredFact[];
}

export interface QuarterLine {
  score: number;
  rank: number;
  bottomGroup: boolean;
}
export interface YearLine {
  score: number;
  tier: string;
  decided: boolean;
}
export interface VerdictLine {
  returnToUnit: boolean;
  met: boolean[]; // the six conditions in provision order (A7.4.1 … A7.4.6)
}

// Finding codes priced per code (points.finding.<code>); A5.2.3's equipment codes carry a liability, no points.
const DEDUCTED_CODES = new Set(
  (
    'late early-leave absent-from-post unrelated-person-in-work-area untidy-desk improper-posture ' +
    'work-phone-unanswered private-call-while-serving improper-dress unrelated-website trading-software ' +
    'group-chatting wandering-posts smoking eating makeup-in-public uncivil-behaviour cold-attitude ' +
    'dispute-not-reported noon-drinking doors-windows-unlocked power-left-on after-hours-entry-unregistered ' +
    'accepted-gift solicited-money personal-expense-claimed transactional-banquet paid-intermediary'
  ).split(' '),
);
const TIERS = ['excellent', 'competent', 'basically-competent'] as const;
const TIER_MIN: Record<(typeof TIERS)[number], string> = {
  excellent: 'tiers.staff.excellent',
  competent: 'tiers.staff.competent',
  'basically-competent': 'tiers.staff.basicallyCompetent',
};

export class Baseline {
  private readonly staff = new Map<string, Staff>();
  private readonly quarters = new Map<string, Map<string, QuarterLine>>();
  private readonly years = new Map<string, Map<string, YearLine>>();

  constructor(private readonly ruleSet: RuleSet) {}

  param(name: string, date: string): Scalar {
    let value: Scalar | undefined;
    for (const v of this.ruleSet.parameters.get(name)?.values ?? []) if (v.from <= date) value = v.value;
    if (value === undefined) throw new Error(`baseline: no ${name} on ${date}`);
    return value;
  }

  private num(name: string, date: string): number {
    return Number(this.param(name, date));
  }

  /** One pass over the facts (retracted ids given, as the store gives them). */
  index(facts: Iterable<StoredFact>, retracted: ReadonlySet<string>): void {
    const from = this.ruleSet.manifest.effective.from;
    for (const f of facts) {
      if (f.subject.kind !== 'staff' || f.type === 'retraction' || retracted.has(f.id)) continue;
      let s = this.staff.get(f.subject.id);
      if (!s) {
        s = {
          id: f.subject.id,
          points: [],
          findings: [],
          education: [],
          criticisms: [],
          seriousViolations: [],
          sanctions: [],
          adjustments: [],
          decisions: [],
        };
        this.staff.set(f.subject.id, s);
      }
      if (f.type === 'roster.staff') {
        if (!s.roster || compareLatest(f, s.roster) > 0) s.roster = f;
        continue;
      }
      if (f.occurredOn < from) continue;
      const d = f.data;
      const point = (param: string, sign: 1 | -1) =>
        s.points.push({ day: dayNumber(f.occurredOn), date: f.occurredOn, param, sign });
      switch (f.type) {
        case 'finding':
          s.findings.push(f.occurredOn);
          if (DEDUCTED_CODES.has(String(d.code))) point(`points.finding.${d.code}`, -1);
          break;
        case 'complaint':
          if (d.substantiated === true) point('points.complaint.substantiated', -1);
          break;
        case 'circulated-criticism':
          s.criticisms.push(f.occurredOn);
          point('points.circulatedCriticism', -1);
          break;
        case 'publicity':
          if (d.kind === 'article') point('points.publicity.article', 1);
          else if (d.kind === 'commendation') point('points.publicity.commendation', 1);
          break;
        case 'education':
          s.education.push(f.occurredOn);
          break;
        case 'serious-violation':
          s.seriousViolations.push(f.occurredOn);
          break;
        case 'sanction':
          s.sanctions.push(f.occurredOn);
          break;
        case 'score-adjustment':
          s.adjustments.push(f);
          break;
        case 'grade-decision':
          s.decisions.push(f);
          break;
      }
    }
    for (const s of this.staff.values()) {
      s.points.sort((a, b) => a.day - b.day);
      for (const list of [s.findings, s.education, s.criticisms, s.seriousViolations, s.sanctions])
        list.sort();
    }
  }

  /** Staff-quarter scores, ranks and bottom group (A8.3.1.3, A7.4.3); `quarter` as [id, first, last day]. */
  quarter(id: string, start: string, end: string): Map<string, QuarterLine> {
    const cached = this.quarters.get(id);
    if (cached) return cached;
    const [lo, hi] = [dayNumber(start), dayNumber(end)];
    const minDays = Math.max(1, this.num('ranking.populationMinDays', start));
    const base = this.num('staff.baseScore', start);
    const cap = this.num('staff.bonusCap', start);
    const floor = this.num('staff.scoreFloor', start);
    const scored: { id: string; score: number }[] = [];
    for (const s of this.staff.values()) {
      const joined = s.roster?.data.joinedOn;
      const left = s.roster?.data.leftOn;
      if (!s.roster) continue;
      const from = typeof joined === 'string' ? Math.max(lo, dayNumber(joined)) : lo;
      const to = typeof left === 'string' ? Math.min(hi, dayNumber(left)) : hi;
      if (to - from + 1 < minDays) continue;
      let deductions = 0;
      let bonuses = 0;
      for (const p of s.points) {
        if (p.day < lo || p.day > hi) continue;
        if (p.sign < 0) deductions += this.num(p.param, p.date);
        else bonuses += this.num(p.param, p.date);
      }
      scored.push({ id: s.id, score: Math.max(floor, base - deductions + Math.min(bonuses, cap)) });
    }
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const size = this.num('ranking.bottomGroupSize', start);
    const exemptValue = this.param('ranking.exemptAtOrAboveBase', start);
    const exempt = exemptValue === true || exemptValue === 'true';
    const cut = scored[Math.max(0, scored.length - size)]?.score ?? Number.NEGATIVE_INFINITY;
    const atOrBelow = scored.filter((r) => r.score <= cut).length;
    const strict = this.param('ranking.tiesAtCut', start) === 'exclude-all' && atOrBelow > size;
    const out = new Map<string, QuarterLine>();
    scored.forEach((r, i) => {
      const prev = scored[i - 1];
      const rank = prev && prev.score === r.score ? (out.get(prev.id) as QuarterLine).rank : i + 1;
      const inGroup = size > 0 && (strict ? r.score < cut : r.score <= cut) && (!exempt || r.score < base);
      out.set(r.id, { score: r.score, rank, bottomGroup: inGroup });
    });
    this.quarters.set(id, out);
    return out;
  }

  /** Staff-year grade (A8.3.1.4): mean of the year's quarters plus adjustments, tiered, decision applied. */
  year(year: number, quarters: [string, string, string][], before?: string): Map<string, YearLine> {
    const key = `${year}|${before ?? ''}`;
    const cached = this.years.get(key);
    if (cached) return cached;
    const out = new Map<string, YearLine>();
    this.years.set(key, out);
    const start = `${year}-01-01`;
    const sums = new Map<string, { total: number; n: number }>();
    for (const [id, first, last] of quarters) {
      for (const [staffId, q] of this.quarter(id, first, last)) {
        const e = sums.get(staffId) ?? { total: 0, n: 0 };
        e.total += q.score;
        e.n++;
        sums.set(staffId, e);
      }
    }
    for (const [staffId, { total, n }] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const s = this.staff.get(staffId) as Staff;
      let adjustment = 0;
      for (const f of s.adjustments)
        if (f.data.year === year && (before === undefined || f.occurredOn < before))
          adjustment += Number(f.data.points) || 0;
      const score = total / n + adjustment;
      let tier = 'incompetent';
      for (const t of TIERS) {
        if (score >= this.num(TIER_MIN[t], start)) {
          tier = t;
          break;
        }
      }
      let decision: StoredFact | undefined;
      for (const f of s.decisions)
        if (f.data.period === String(year) && (before === undefined || f.occurredOn < before))
          if (!decision || compareLatest(f, decision) > 0) decision = f;
      const decided = decision ? GRADES[String(decision.data.grade)] : undefined;
      out.set(staffId, { score, tier: decided ?? tier, decided: decided !== undefined });
    }
    return out;
  }

  /**
   * Return to unit on `date` (A7.4): annual grade, findings after education, bottom-group streaks,
   * circulated criticisms, serious violations, sanctions. `quarters` are those ended before the date.
   */
  verdict(
    staffId: string,
    date: string,
    quarters: { id: string; start: string; end: string }[],
    lastYear: { year: number; quarters: [string, string, string][] }[],
  ): VerdictLine {
    const s = this.staff.get(staffId);
    if (!s) throw new Error(`baseline: no staff ${staffId}`);
    let annualTier: string | undefined;
    for (const { year, quarters: qs } of lastYear) {
      const line = this.year(year, qs, date).get(staffId);
      if (line) {
        annualTier = line.tier;
        break;
      }
    }
    const before = (list: string[]) => list.filter((d) => d < date);
    const months = this.num('returnToUnit.educationWindowMonths', date);
    let afterEducation = 0;
    for (const anchor of before(s.education)) {
      const end = sameDateMonthsLater(anchor, months);
      const n = before(s.findings).filter((d) => d > anchor && d < end).length;
      if (n > afterEducation) afterEducation = n;
    }
    const windowMonths = this.num('returnToUnit.windowMonths', date);
    const calendar = this.param('interpretation.withinOneYear', date) === 'calendar';
    const mostWithin = (starts: string[], ends: string[]) => {
      let best = 0;
      for (let i = 0; i < starts.length; i++) {
        const first = starts[i] as string;
        const limit = sameDateMonthsLater(first, windowMonths);
        let n = 0;
        for (let j = i; j < starts.length; j++)
          if (
            calendar ? first.slice(0, 4) === (starts[j] as string).slice(0, 4) : (ends[j] as string) < limit
          )
            n++;
        if (n > best) best = n;
      }
      return best;
    };
    const flagged = quarters.filter((q) => this.quarter(q.id, q.start, q.end).get(staffId)?.bottomGroup);
    let consecutive = 0;
    let run = 0;
    for (let i = 0; i < quarters.length; i++) {
      const q = quarters[i] as (typeof quarters)[number];
      run = this.quarter(q.id, q.start, q.end).get(staffId)?.bottomGroup ? run + 1 : 0;
      if (run > consecutive) consecutive = run;
    }
    const periods = this.num('returnToUnit.bottomGroupPeriods', date);
    const criticisms = before(s.criticisms);
    const met = [
      annualTier === 'incompetent',
      afterEducation >= this.num('returnToUnit.educationFindings', date),
      consecutive >= periods ||
        mostWithin(
          flagged.map((q) => q.start),
          flagged.map((q) => q.end),
        ) >= periods,
      mostWithin(criticisms, criticisms) >= this.num('returnToUnit.criticismCount', date),
      before(s.seriousViolations).length >= this.num('returnToUnit.seriousViolations', date),
      before(s.sanctions).length >= this.num('returnToUnit.sanctions', date),
    ];
    return { returnToUnit: met.some(Boolean), met };
  }
}

/** The later of two facts about one thing: occurredOn, then recordedAt, then seq, then id (as the engine). */
function compareLatest(a: StoredFact, b: StoredFact): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  if ((a.seq ?? -1) !== (b.seq ?? -1)) return (a.seq ?? -1) - (b.seq ?? -1);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// The decision's grade names a tier by id or by any of its labels (staff.tiers in rules/).
const GRADES: Record<string, string> = {
  excellent: 'excellent',
  优秀: 'excellent',
  competent: 'competent',
  称职: 'competent',
  合格: 'competent',
  'basically-competent': 'basically-competent',
  基本称职: 'basically-competent',
  基本合格: 'basically-competent',
  incompetent: 'incompetent',
  不称职: 'incompetent',
  不合格: 'incompetent',
};
