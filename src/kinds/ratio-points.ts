// `ratio-points`: a ratio of two number fields of one fact type, summed over the period and priced
// by bands. Each fact it takes keeps its two fields (`index`); a subject's tally sums them and
// prices the ratio once all are in (`items`).
import type { IndexTaking } from '../engine/kind-facts.js';
import type { UsedParameters } from '../engine/params.js';
import { scaledQuantity } from '../engine/scaled-points.js';
import { baseItem } from '../engine/score.js';
import type { RuleItems } from '../engine/taking.js';
import type { Period } from '../periods/index.js';
import { numberParam, type ParamField } from '../rules/kind-checks.js';
import type { RuleOfKind } from '../rules/rule-kinds.js';
import { defineKind } from './kind.js';

type RatioRule = RuleOfKind<'ratio-points'>;

export const ratioPoints = defineKind({
  kind: 'ratio-points',
  rules: {
    schema: 'ratio-points',
    tagged: true,
    parameters: (rule) =>
      rule.bands.flatMap((b, i): [ParamField, string | undefined][] => [
        [numberParam(`/bands/${i}/atLeast`), b.atLeast],
        [numberParam(`/bands/${i}/below`), b.below],
        [numberParam(`/bands/${i}/points`), b.points],
        [numberParam(`/bands/${i}/scale/per`), b.scale?.per],
      ]),
    dataFields: (rule) => [
      ['/numerator', rule.numerator],
      ['/denominator', rule.denominator],
    ],
    references(rule, check) {
      check.factType('/factType', rule.factType);
    },
  },
  engine: { classified: true, index: indexTaking, items: ruleItems },
  testing: { exercisable: true, twoCases: true },
});

function indexTaking(rule: RatioRule): IndexTaking {
  const { numerator, denominator } = rule;
  return {
    fill(entry, fact) {
      entry.numerator = Number(fact.data[numerator]) || 0;
      entry.denominator = Number(fact.data[denominator]) || 0;
    },
  };
}

interface Sums {
  num: number;
  den: number;
  ids: string[];
}

const newSums = (): Sums => ({ num: 0, den: 0, ids: [] });

function ruleItems(rule: RatioRule): RuleItems {
  const items: RuleItems = {
    tally(t, entry) {
      const r = t.collected(items, newSums);
      r.num += entry.numerator ?? 0;
      r.den += entry.denominator ?? 0;
      r.ids.push(entry.id);
    },
    close(t, collected) {
      const r = collected as Sums;
      const band = ratioBand(t.ctx, rule, r.num, r.den, t.period);
      if (!band) return;
      if (band.effect === 'deduction') t.deductions += band.points;
      else t.bonuses += band.points;
      t.groups.put({
        ...baseItem(t.ctx, rule, undefined, band.used),
        effect: band.effect,
        points: band.effect === 'deduction' ? -band.points : band.points,
        value: r.den > 0 ? r.num / r.den : 0,
        count: r.ids.length,
        factIds: [...r.ids],
      });
    },
  };
  return items;
}

/** The first band the period's ratio falls in, its points (scaled by the distance to its bound). */
function ratioBand(
  ctx: Parameters<typeof scaledQuantity>[0],
  rule: RatioRule,
  num: number,
  den: number,
  period: Period,
) {
  if (den <= 0) return undefined;
  const share = num / den;
  for (const band of rule.bands) {
    const used: UsedParameters = {};
    const hit =
      band.atLeast !== undefined
        ? share >= ctx.params.number(band.atLeast, period.start, used)
        : band.below !== undefined && share < ctx.params.number(band.below, period.start, used);
    if (!hit) continue;
    let points = ctx.params.number(band.points, period.start, used);
    if (band.scale) {
      const bound = used[band.atLeast ?? band.below ?? ''] as number;
      const distance = band.atLeast !== undefined ? share - bound : bound - share;
      points *= scaledQuantity(ctx, band.scale, distance, period.start, used);
    }
    return { effect: band.effect, points, used };
  }
  return undefined;
}
