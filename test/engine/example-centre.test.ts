// (d) The example centre's designed outcomes (examples/README-fragment.md) hold with the default
// parameters: each designed return-to-unit condition is met from its date (start of day) and not
// the day before, the designed near-misses never are, the bottom groups have the designed sizes
// and the roster changes shape the ranking populations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvaluationContext, Evaluator } from '../../src/engine/evaluator.js';
import { RULE_KINDS } from '../../src/kinds/index.js';
import type { StoredFact } from '../../src/model/fact.js';
import { addDays } from '../../src/periods/index.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const END = '2020-01-01';

/** The README table: staff, condition, first date on which it is met. */
const DESIGNED: [string, string, string][] = [
  ['S007', 'A7.4.3', '2018-10-01'],
  ['S021', 'A7.4.3', '2019-01-01'],
  ['S013', 'A7.4.3', '2019-04-01'],
  ['S034', 'A7.4.3', '2019-10-01'],
  ['S040', 'A7.4.2', '2019-02-20'],
  ['S025', 'A7.4.4', '2019-03-21'],
  ['S036', 'A7.4.5', '2019-06-19'],
  ['S019', 'A7.4.6', '2019-09-11'],
  ['S044', 'A7.4.1', '2019-01-16'],
];
const NEAR_MISSES: [string, string][] = [
  ['S029', 'A7.4.3'],
  ['S043', 'A7.4.2'],
  ['S032', 'A7.4.4'],
];

describe('the example centre (examples/centre/facts.ndjson) gives its designed verdicts', () => {
  let ctx: EvaluationContext;
  let ruleSet: RuleSet;
  let staff: string[];
  const met = async (id: string, date: string) => {
    const v = await ctx.verdict('return-to-unit', id, date);
    return new Set(v.conditions.filter((c) => c.met).map((c) => c.provision));
  };

  beforeAll(async () => {
    const loaded = loadRuleSet(readRuleDirectory(`${root}rules`, 'rules'));
    expect(loaded.errors).toEqual([]);
    const facts = readFileSync(`${root}examples/centre/facts.ndjson`, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, seq) => ({ ...(JSON.parse(line) as StoredFact), recordedAt: '', seq }));
    ruleSet = loaded.ruleSet as RuleSet;
    ctx = await new Evaluator(ruleSet).context(facts);
    staff = (ctx.index.byKind.get('staff') ?? []).map((s) => s.subject.id);
    expect(staff).toHaveLength(48);
  });

  for (const [id, provision, from] of DESIGNED) {
    it(`${id} ${provision} is met from ${from} (start of day), not on ${addDays(from, -1)}`, async () => {
      expect((await met(id, addDays(from, -1))).has(provision)).toBe(false);
      const on = await ctx.verdict('return-to-unit', id, from);
      expect(on.conditions.find((c) => c.provision === provision)?.met).toBe(true);
      expect(on.returnToUnit).toBe(true);
    });
  }

  for (const [id, provision] of NEAR_MISSES) {
    it(`${id} never meets ${provision} (checked at every month start of 2018–2019 and on ${END})`, async () => {
      for (let year = 2018; year <= 2019; year++) {
        for (let month = 1; month <= 12; month++) {
          const date = `${year}-${String(month).padStart(2, '0')}-01`;
          expect((await met(id, date)).has(provision), date).toBe(false);
        }
      }
      expect((await met(id, END)).has(provision)).toBe(false);
    });
  }

  it(`on ${END} exactly the designed staff are returned, each for the designed condition`, async () => {
    const returned: Record<string, string[]> = {};
    for (const id of staff) {
      const conditions = [...(await met(id, END))];
      if (conditions.length > 0) returned[id] = conditions.sort();
    }
    // S044's 2018 不合格 is no longer the latest annual result once 2019 has ended.
    expect(returned).toEqual({
      S007: ['A7.4.3'],
      S013: ['A7.4.3'],
      S019: ['A7.4.6'],
      S021: ['A7.4.3'],
      S025: ['A7.4.4'],
      S034: ['A7.4.3'],
      S036: ['A7.4.5'],
      S040: ['A7.4.2'],
    });
  });

  it('every quarter has a bottom group of the 6 scheduled staff; 2019-Q4 has 7 (a tie at the cut)', () => {
    const sizes: Record<string, number> = {};
    for (const q of [
      '2018-Q1',
      '2018-Q2',
      '2018-Q3',
      '2018-Q4',
      '2019-Q1',
      '2019-Q2',
      '2019-Q3',
      '2019-Q4',
    ]) {
      const results = ctx.evaluate('staff-quarter', q).results;
      const bottom = results.filter((r) => r.bottomGroup);
      sizes[q] = bottom.length;
      // nobody outside the group scores lower than anybody in it
      const worstOutside = Math.min(...results.filter((r) => !r.bottomGroup).map((r) => r.score ?? 0));
      for (const r of bottom) expect(r.score ?? 0).toBeLessThanOrEqual(worstOutside);
    }
    expect(sizes).toEqual({
      '2018-Q1': 6,
      '2018-Q2': 6,
      '2018-Q3': 6,
      '2018-Q4': 6,
      '2019-Q1': 6,
      '2019-Q2': 6,
      '2019-Q3': 6,
      '2019-Q4': 7,
    });
    const q4 = ctx.evaluate('staff-quarter', '2019-Q4').results.filter((r) => r.bottomGroup);
    const cut = Math.max(...q4.map((r) => r.score ?? 0));
    expect(q4.filter((r) => r.score === cut).length).toBe(2);
  });

  it('the designed bottom-group quarters of the A7.4.3 staff', () => {
    const flagged = (id: string) =>
      ['2018-Q1', '2018-Q2', '2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4'].filter(
        (q) => ctx.evaluate('staff-quarter', q).results.find((r) => r.subject.id === id)?.bottomGroup,
      );
    expect(flagged('S007')).toEqual(['2018-Q2', '2018-Q3']);
    expect(flagged('S021')).toEqual(['2018-Q1', '2018-Q4']);
    expect(flagged('S013')).toEqual(['2018-Q4', '2019-Q1']);
    expect(flagged('S034')).toEqual(['2019-Q2', '2019-Q3']);
    expect(flagged('S029')).toEqual(['2018-Q1', '2019-Q1']);
  });

  it('roster changes shape the ranking populations', () => {
    const ranked = (q: string) => new Set(ctx.evaluate('staff-quarter', q).results.map((r) => r.subject.id));
    expect(ranked('2018-Q1').has('S046')).toBe(false);
    expect(ranked('2018-Q2').has('S046')).toBe(true); // joined 2018-05-14: 48 days
    expect(ranked('2018-Q2').has('S047')).toBe(false); // joined 2018-06-11: 20 days
    expect(ranked('2018-Q3').has('S047')).toBe(true);
    expect(ranked('2019-Q1').has('S048')).toBe(false); // joined 2019-03-04: 28 days
    expect(ranked('2019-Q2').has('S048')).toBe(true);
    expect(ranked('2018-Q4').has('S011')).toBe(false); // left 2018-10-19: 19 days
    expect(ranked('2019-Q3').has('S038')).toBe(true); // left 2019-08-16: 47 days
    expect(ranked('2019-Q4').has('S038')).toBe(false);
  });

  it('transfers: S007 moves from W07 to W08 on 2018-08-15; each window answers for the days he sat at it', () => {
    const q3 = ctx.evaluate('window-quarter', '2018-Q3').results;
    const rolledUp = (w: string) =>
      q3
        .find((r) => r.subject.id === w)
        ?.items.find((i) => i.rule === 'window.staff-deductions')
        ?.factIds.filter((id) => id.includes('-S007-')) ?? [];
    const w07 = rolledUp('W07');
    const w08 = rolledUp('W08');
    expect(w07.length).toBeGreaterThan(0);
    expect(w08.length).toBeGreaterThan(0);
    for (const id of w07) expect(id.slice(2, 12) < '2018-08-15', id).toBe(true);
    for (const id of w08) expect(id.slice(2, 12) >= '2018-08-15', id).toBe(true);
    // before the move, nothing of S007's goes to W08
    const q2 = ctx.evaluate('window-quarter', '2018-Q2').results;
    const w08q2 = q2
      .find((r) => r.subject.id === 'W08')
      ?.items.find((i) => i.rule === 'window.staff-deductions');
    expect(w08q2?.factIds.filter((id) => id.includes('-S007-')) ?? []).toEqual([]);
  });

  it('a category change: S024 (contract until 2019-07-01) keeps 合格 for 2018, shown from the roster fact of 2018', () => {
    const row = (year: string) =>
      ctx.evaluate('staff-year', year).results.find((r) => r.subject.id === 'S024');
    expect(row('2018')?.tier).toMatchObject({ id: 'competent', label: '合格' });
    expect(row('2018')?.explanation?.rosterFact).toBe('f-2018-01-01-S024-roster.staff-1');
    expect(row('2019')?.explanation?.rosterFact).toBe('f-2019-07-01-S024-roster.staff-1');
  });

  it('the designed grade decisions: S021 2018 → 基本称职, S044 (contract) 2018 → 不合格', () => {
    const y2018 = ctx.evaluate('staff-year', '2018').results;
    expect(y2018.find((r) => r.subject.id === 'S021')?.tier).toMatchObject({
      id: 'basically-competent',
      label: '基本称职',
      decided: true,
    });
    expect(y2018.find((r) => r.subject.id === 'S044')?.tier).toMatchObject({
      id: 'incompetent',
      label: '不合格',
      decided: true,
    });
  });

  it('every point-bearing and measure item carries a dimension (A7.2) and an area (A8.1) of the rule set', () => {
    const tagged = new Set<string>(RULE_KINDS.filter((k) => k.rules.tagged).map((k) => k.kind));
    const taggedRules = new Set(ruleSet.rules.filter((r) => tagged.has(r.kind)).map((r) => r.id));
    const dimensions = Object.keys(ruleSet.manifest.dimensions.values);
    const areas = Object.keys(ruleSet.manifest.areas.values);
    let checked = 0;
    for (const [kind, period] of [
      ['staff-quarter', '2018-Q3'],
      ['window-quarter', '2019-Q2'],
      ['staff-month-circular', '2019-05'],
    ] as const) {
      for (const r of ctx.evaluate(kind, period).results) {
        for (const item of r.items) {
          if (!taggedRules.has(item.rule)) continue;
          checked++;
          expect(dimensions, `${item.rule}`).toContain(item.dimension);
          expect(areas, `${item.rule}`).toContain(item.area);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
