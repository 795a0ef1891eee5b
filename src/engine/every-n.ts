// Facts that count only in numbers: "three late arrivals in a month count as one absence". A
// fact-points rule with `every: {count, within}` prices each complete group of `count` matching
// facts of one subject within one calendar period (a month) once; the rest count nothing.

import { getOrInsert } from '../model/collections.js';
import { periodContaining } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import type { Context } from './context.js';
import type { Entry } from './fact-index.js';
import { factPoints } from './fact-price.js';
import type { UsedParameters } from './params.js';
import type { Item } from './types.js';

type EveryRule = RuleOfKind<'fact-points'> & { every: NonNullable<RuleOfKind<'fact-points'>['every']> };

export interface CountedItem {
  item: Omit<Item, 'provision' | 'rule' | 'factIds'>;
  rule: EveryRule;
  factIds: string[];
  points: number;
  used: UsedParameters;
  code?: string;
}

export class CountedGroups {
  /** rule index → period id of `within` → entries, in day order */
  private readonly groups = new Map<number, Map<string, Entry[]>>();

  add(ruleIndex: number, rule: EveryRule, entry: Entry): void {
    const within = periodContaining(entry.date, rule.every.within).id;
    getOrInsert(
      getOrInsert(this.groups, ruleIndex, () => new Map()),
      within,
      () => [],
    ).push(entry);
  }

  /** One priced group per rule and period that holds at least one complete group of facts. */
  price(ctx: Context, rules: Context['classifier']['rules']): CountedItem[] {
    const out: CountedItem[] = [];
    for (const [ruleIndex, byPeriod] of this.groups) {
      const rule = rules[ruleIndex] as EveryRule;
      for (const [within, entries] of byPeriod) {
        const first = entries[0] as Entry;
        const used: UsedParameters = {};
        const size = factPoints(ctx, rule.every.count, first, used);
        const times = size > 0 ? Math.floor(entries.length / size) : 0;
        if (times === 0) continue;
        const counted = entries.slice(0, times * size);
        const last = counted[counted.length - 1] as Entry;
        const paramName = rule.codes ? rule.codes[last.code ?? ''] : rule.points;
        if (!paramName) continue;
        const unit = factPoints(ctx, paramName, last, used);
        const codes = new Set(counted.map((e) => e.code));
        out.push({
          item: { count: counted.length, value: times, group: within },
          rule,
          factIds: counted.map((e) => e.id),
          points: unit * times,
          used,
          ...(codes.size === 1 && last.code !== undefined ? { code: last.code } : {}),
        });
      }
    }
    return out;
  }
}
