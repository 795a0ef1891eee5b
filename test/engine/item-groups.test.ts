// ItemGroups keeps a result's items in a list searched by key, and a Map once the list is long:
// both must answer the same, keep the order items were made in, and sort as compareItems says.
import { describe, expect, it } from 'vitest';
import { ItemGroups } from '../../src/engine/items.js';
import type { Item } from '../../src/engine/types.js';

const item = (rule: string, provision = 'A5.1.1'): Item => ({ provision, rule, factIds: [] });

describe('ItemGroups', () => {
  for (const n of [1, 16, 17, 40]) {
    it(`finds each of ${n} items by key, before and after the list grows into a Map`, () => {
      const groups = new ItemGroups();
      const made: Item[] = [];
      for (let i = 0; i < n; i++) {
        expect(groups.get(`k${i}`)).toBeUndefined();
        made.push(groups.create(`k${i}`, item(`r${String(i).padStart(2, '0')}`)));
        for (let j = 0; j <= i; j++) expect(groups.get(`k${j}`)).toBe(made[j]);
      }
      groups.count(made[0] as Item, 'f2', -1);
      groups.count(made[0] as Item, 'f1', -2);
      const items = groups.items();
      expect(items.map((x) => x.rule)).toEqual(made.map((x) => x.rule));
      expect(items[0]).toMatchObject({ count: 2, points: -3, factIds: ['f1', 'f2'] });
    });
  }

  it('replaces the item of a key made again, in its place, and puts items under keys of their own', () => {
    const groups = new ItemGroups();
    groups.create('a', item('r1'));
    groups.put(item('r0'));
    const again = groups.create('a', item('r2'));
    expect(groups.get('a')).toBe(again);
    expect(groups.items().map((x) => x.rule)).toEqual(['r0', 'r2']);
  });

  it('finds priced items by rule, code and unit, units equal as their text is', () => {
    const groups = new ItemGroups();
    const late = groups.createPriced(3, 'late', 0.5, item('conduct.attendance'));
    const zero = groups.createPriced(3, 'late', 0, item('conduct.attendance'));
    const nan = groups.createPriced(4, undefined, Number.NaN, item('conduct.desk'));
    expect(groups.getPriced(3, 'late', 0.5)).toBe(late);
    expect(groups.getPriced(3, 'late', -0)).toBe(zero);
    expect(groups.getPriced(4, undefined, Number.NaN)).toBe(nan);
    expect(groups.getPriced(3, 'early-leave', 0.5)).toBeUndefined();
    expect(groups.getPriced(3, undefined, 0.5)).toBeUndefined();
    expect(groups.getPriced(2, 'late', 0.5)).toBeUndefined();
    expect(groups.items()).toHaveLength(3);
  });

  it('lists nothing when no item was made', () => {
    expect(new ItemGroups().items()).toEqual([]);
  });
});
