// Facts derived from facts: "missed sign-ins within half a day count as one absence". A fact-points
// rule with `once: {per, by}` groups the matching facts of one subject by day (or calendar period)
// and by the value of a data field (`by`: morning/afternoon); each group is one derived entry,
// priced once, and its item lists the facts it came from and names the group.

import { getOrInsert } from '../model/collections.js';
import { periodContaining } from '../periods/index.js';
import type { RuleOfKind } from '../rules/types.js';
import type { Context } from './context.js';
import type { CountedItem } from './every-n.js';
import type { Entry } from './fact-index.js';
import { factPoints } from './fact-price.js';
import type { UsedParameters } from './params.js';

type OnceRule = RuleOfKind<'fact-points'> & { once: NonNullable<RuleOfKind<'fact-points'>['once']> };

/** The group an entry belongs to: its day or period id, then the `by` field's value. */
function groupOf(rule: OnceRule, entry: Entry): string {
  const when = rule.once.per === 'day' ? entry.date : periodContaining(entry.date, rule.once.per).id;
  return rule.once.by === undefined ? when : `${when} ${entry.by ?? ''}`;
}

export class DerivedEntries {
  /** rule index → group → entries, in day order */
  private readonly groups = new Map<number, Map<string, Entry[]>>();

  add(ruleIndex: number, rule: OnceRule, entry: Entry): void {
    getOrInsert(
      getOrInsert(this.groups, ruleIndex, () => new Map()),
      groupOf(rule, entry),
      () => [],
    ).push(entry);
  }

  /** One priced item per derived entry, priced on the day of its first fact. */
  price(ctx: Context, rules: Context['classifier']['rules']): (CountedItem & { group: string })[] {
    const out: (CountedItem & { group: string })[] = [];
    for (const [ruleIndex, byGroup] of this.groups) {
      const rule = rules[ruleIndex] as OnceRule;
      for (const [group, entries] of byGroup) {
        const first = entries[0] as Entry;
        const paramName = rule.codes ? rule.codes[first.code ?? ''] : rule.points;
        if (!paramName) continue;
        const used: UsedParameters = {};
        const codes = new Set(entries.map((e) => e.code));
        out.push({
          item: { count: entries.length, value: 1, group },
          rule: rule as unknown as CountedItem['rule'], // priced alike; only the grouping differs
          factIds: entries.map((e) => e.id),
          points: factPoints(ctx, paramName, first, used),
          used,
          group,
          ...(codes.size === 1 && first.code !== undefined ? { code: first.code } : {}),
        });
      }
    }
    return out;
  }
}
