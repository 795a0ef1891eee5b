// `fact-points`: facts of one type (and finding codes) become items — a deduction, a bonus, a
// liability or a record. Classified per fact signature (engine/classify.ts); each fact it takes is
// an entry carrying its code, scaled amount and group field (`index`), priced on its day into the
// score's tally and the reports naming the rule (`items`; engine/scaled-points.ts, every-n.ts,
// once-per.ts).
import type { Entry } from '../engine/entry.js';
import { CountedGroups, type CountedItem } from '../engine/every-n.js';
import { factPoints as factPrice, factQuantity } from '../engine/fact-price.js';
import type { IndexTaking } from '../engine/kind-facts.js';
import { DerivedEntries } from '../engine/once-per.js';
import type { UsedParameters } from '../engine/params.js';
import { baseItem } from '../engine/score.js';
import type { RuleItems, TallyState } from '../engine/taking.js';
import type { StoredFact } from '../model/fact.js';
import { numberParam, type ParamField } from '../rules/kind-checks.js';
import { nearest } from '../rules/nearest.js';
import type { RuleOfKind } from '../rules/rule-kinds.js';
import { defineKind } from './kind.js';

type FactPointsRule = RuleOfKind<'fact-points'>;

export const factPoints = defineKind({
  kind: 'fact-points',
  rules: {
    schema: 'fact-points',
    tagged: true,
    // The code's points, and the scale and group size every finding of its codes is priced by.
    parameters: (rule) => {
      const codes = Object.keys(rule.codes ?? {});
      return [
        [numberParam('/points'), rule.points],
        ...Object.entries(rule.codes ?? {}).map(([code, p]): [ParamField, string] => [
          numberParam(`/codes/${code}`, [code]),
          p,
        ]),
        [numberParam('/scale/per', codes), rule.scale?.per],
        [numberParam('/every/count', codes), rule.every?.count],
      ];
    },
    dataFields: (rule) => [
      ...(rule.scale ? [['/scale/field', rule.scale.field] as [string, string]] : []),
      ...(rule.once?.by ? [['/once/by', rule.once.by] as [string, string]] : []),
    ],
    references(rule, check) {
      const { err } = check;
      check.factType('/factType', rule.factType);
      if (rule.codes && rule.points)
        err(
          '/points',
          'points-and-codes',
          'give points either per code (codes) or for the rule (points), not both',
        );
      if (!rule.codes && !rule.points && rule.effect !== 'record')
        err('/effect', 'missing-points', `a ${rule.effect} needs points (or codes with points)`);
      for (const code of Object.keys(rule.codes ?? {})) {
        const def = check.code(code);
        if (!def) {
          err(
            `/codes/${code}`,
            'unknown-code',
            `finding code ${code} is not defined in finding-codes.yaml${nearest(code, check.codes())}`,
            true,
          );
          continue;
        }
        if (def.subject !== rule.subject)
          err(
            `/codes/${code}`,
            'code-subject',
            `finding code ${code} is against a ${def.subject}, but this rule's subject is ${rule.subject}`,
            true,
          );
        if (!rule.provisions.includes(def.provision))
          err(
            `/codes/${code}`,
            'code-provision',
            `finding code ${code} breaches ${def.provision}, which this rule does not cite`,
            true,
          );
        const other = check.pricedBy(code, rule.id);
        if (other)
          err(
            `/codes/${code}`,
            'code-twice',
            `finding code ${code} is already priced by rule ${other}: it would count twice`,
            true,
          );
      }
      // A derived entry is priced once: grouping it again (every) or scaling it would price it twice.
      if (rule.once && (rule.every || rule.scale))
        err(
          '/once',
          'once-combined',
          `once (one entry per ${rule.once.per}${rule.once.by ? ` and ${rule.once.by}` : ''}) cannot be combined with ${rule.every ? 'every' : 'scale'}: a derived entry is priced once`,
          true,
        );
      if (rule.codes && rule.factType !== 'finding')
        err('/codes', 'codes-need-findings', 'codes apply to finding facts only');
    },
  },
  engine: { classified: true, index: indexTaking, items: ruleItems },
  testing: { exercisable: true, twoCases: true },
});

/** What an entry keeps of its fact: the code it is priced by, the amount it is scaled by, its group. */
function indexTaking(rule: FactPointsRule): IndexTaking {
  const codes = rule.codes ? Object.keys(rule.codes) : undefined;
  const field = rule.scale?.field;
  const by = rule.once?.by;
  // The common shapes get a fill of their own: this runs once per fact taken.
  if (field === undefined && by === undefined) {
    if (!codes) return {};
    return {
      codes,
      fill(entry: Entry, fact: StoredFact) {
        entry.code = String(fact.data.code);
      },
    };
  }
  return {
    ...(codes ? { codes } : {}),
    fill(entry, fact) {
      if (codes) entry.code = String(fact.data.code);
      if (field !== undefined) entry.amount = factAmount(fact.data, field);
      if (by !== undefined) entry.by = String(fact.data[by] ?? '');
    },
  };
}

/** The amount a fact brings to a scaled rule (its field's value; anything but a number is 0). */
function factAmount(data: Record<string, unknown>, field: string): number {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const newCounted = () => new CountedGroups();
const newDerived = () => new DerivedEntries();

function ruleItems(rule: FactPointsRule): RuleItems {
  const items: RuleItems = { report: reportEntry };
  if (rule.reports) items.reports = rule.reports;
  // A record weighs on no score; `every` and `once` price their entries together once all are in.
  if (rule.effect === 'record') return items;
  if (rule.every) {
    const every = rule as Parameters<CountedGroups['add']>[1];
    items.tally = (t, entry) => t.collected(items, newCounted).add(entry.rule, every, entry);
    items.close = (t, groups) => {
      for (const c of (groups as CountedGroups).price(t.ctx, t.ctx.classifier.rules)) priced(t, c);
    };
  } else if (rule.once) {
    const once = rule as Parameters<DerivedEntries['add']>[1];
    items.tally = (t, entry) => t.collected(items, newDerived).add(entry.rule, once, entry);
    items.close = (t, groups) => {
      for (const c of (groups as DerivedEntries).price(t.ctx, t.ctx.classifier.rules)) priced(t, c);
    };
  } else items.tally = tallyEntry;
  return items;
}

/** One fact priced on its day: its code's (or the rule's) points, times its scaled quantity. */
function tallyEntry(t: TallyState, entry: Entry, rule: FactPointsRule): void {
  const paramName = rule.codes ? rule.codes[entry.code ?? ''] : rule.points;
  if (!paramName) return;
  const { ctx, groups } = t;
  const unit = factPrice(ctx, paramName, entry);
  let quantity = 1;
  let scaleUsed: UsedParameters | undefined;
  if (rule.scale) {
    scaleUsed = {};
    quantity = factQuantity(ctx, rule.scale, entry, scaleUsed);
  }
  const points = unit * quantity;
  const signed = rule.effect === 'deduction' ? -points : rule.effect === 'bonus' ? points : 0;
  if (rule.effect === 'deduction') {
    t.deductions += points;
    t.deductionFactIds.push(entry.id);
  } else if (rule.effect === 'bonus') t.bonuses += points;
  const item =
    groups.getPriced(entry.rule, entry.code, unit) ??
    groups.createPriced(
      entry.rule,
      entry.code,
      unit,
      baseItem(
        ctx,
        rule,
        entry.code,
        scaleUsed ? { [paramName]: unit, ...scaleUsed } : priceRecord(paramName, unit),
        rule.effect,
        rule.severity,
      ),
    );
  groups.count(item, entry.id, signed);
  if (rule.scale) item.value = (item.value ?? 0) + quantity;
}

/**
 * `{ [name]: unit }`, one object per name and unit: items only read their parameters, and a
 * computed-key literal per item costs a property added through a megamorphic store (~0.6 µs).
 */
const priceRecords = new Map<string, Map<number, UsedParameters>>();
function priceRecord(name: string, unit: number): UsedParameters {
  let byUnit = priceRecords.get(name);
  if (!byUnit) {
    byUnit = new Map();
    priceRecords.set(name, byUnit);
  }
  let record = byUnit.get(unit);
  if (!record) {
    record = { [name]: unit };
    byUnit.set(unit, record);
  }
  return record;
}

/** A group of facts priced once (every N, once per day and field). */
function priced(t: TallyState, c: CountedItem): void {
  const { effect, severity } = c.rule;
  if (effect === 'deduction') {
    t.deductions += c.points;
    t.deductionFactIds.push(...c.factIds);
  } else if (effect === 'bonus') t.bonuses += c.points;
  t.groups.put({
    ...baseItem(t.ctx, c.rule, c.code, c.used, effect, severity),
    ...c.item,
    points: effect === 'deduction' ? -c.points : effect === 'bonus' ? c.points : 0,
    factIds: c.factIds,
  });
}

/** A fact in a report; a rule that prices facts only in groups (`every`, `once`) lists it without points. */
function reportEntry(
  ctx: TallyState['ctx'],
  groups: TallyState['groups'],
  entry: Entry,
  rule: FactPointsRule,
): void {
  const paramName =
    rule.every || rule.once ? undefined : rule.codes ? rule.codes[entry.code ?? ''] : rule.points;
  const u: UsedParameters = {};
  const unit = paramName ? factPrice(ctx, paramName, entry, u) : undefined;
  const quantity = rule.scale ? factQuantity(ctx, rule.scale, entry, u) : 1;
  const signed =
    unit === undefined
      ? undefined
      : rule.effect === 'deduction'
        ? -unit * quantity
        : rule.effect === 'bonus'
          ? unit * quantity
          : 0;
  const key = `${rule.id}|${entry.code ?? ''}|${unit ?? ''}`;
  groups.count(
    groups.get(key) ?? groups.create(key, baseItem(ctx, rule, entry.code, u, rule.effect, rule.severity)),
    entry.id,
    signed,
  );
}
