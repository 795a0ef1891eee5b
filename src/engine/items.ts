// Grouping of facts into result items: one item per rule, code and unit price, with the fact ids
// behind it and the parameter value that priced it. Items come out in a stable order.
import type { Scalar } from '../rules/types.js';
import type { Item } from './types.js';

export class ItemGroups {
  // A result has a handful of items: their keys are searched in a list (a Map per result cost more
  // than the search), with a Map built once the list grows past SMALL.
  private keys: string[] | undefined;
  private list: Item[] | undefined;
  private index: Map<string, Item> | undefined;
  /** items made by createPriced, found by rule, code and unit without building a key string */
  private priced: { rule: number; code: string | undefined; unit: number; item: Item }[] | undefined;

  // get-then-create rather than a factory callback: the hot loop (one call per fact of every
  // result) then allocates nothing for facts that join an existing item.
  get(key: string): Item | undefined {
    if (this.index) return this.index.get(key);
    const keys = this.keys;
    if (!keys) return undefined;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.list?.[i];
    return undefined;
  }

  create(key: string, item: Item): Item {
    this.keys ??= [];
    this.list ??= [];
    const { keys, list } = this;
    const at = this.index && !this.index.has(key) ? -1 : keys.indexOf(key);
    if (at >= 0) list[at] = item;
    else {
      keys.push(key);
      list.push(item);
    }
    if (this.index) this.index.set(key, item);
    else if (keys.length > SMALL) this.index = new Map(keys.map((k, i) => [k, list[i] as Item]));
    return item;
  }

  /** The item of facts of rule `rule` (an index) and `code` priced at `unit` each, if made. */
  getPriced(rule: number, code: string | undefined, unit: number): Item | undefined {
    const priced = this.priced;
    if (!priced) return undefined;
    for (let i = 0; i < priced.length; i++) {
      const p = priced[i] as (typeof priced)[number];
      // Units equal as their text is (0 and -0 one item, NaN one item), as keys once were.
      if (
        p.rule === rule &&
        p.code === code &&
        (p.unit === unit || (Number.isNaN(p.unit) && Number.isNaN(unit)))
      )
        return p.item;
    }
    return undefined;
  }

  /** Makes the item getPriced finds; listed with the others, in the order made. */
  createPriced(rule: number, code: string | undefined, unit: number, item: Item): Item {
    this.priced ??= [];
    this.priced.push({ rule, code, unit, item });
    this.put(item);
    return item;
  }

  /** Counts one more fact into an item. */
  count(item: Item, factId: string | undefined, points: number | undefined): void {
    if (factId !== undefined) item.factIds.push(factId);
    item.count = (item.count ?? 0) + 1;
    if (points !== undefined) item.points = (item.points ?? 0) + points;
  }

  put(item: Item): void {
    this.create(`${item.rule}|${this.keys?.length ?? 0}`, item);
  }

  items(): Item[] {
    const list = this.list;
    if (!list) return [];
    const items = list.slice();
    // Sorting allocates even one element's worth of work space: most lists here have one.
    for (const item of items) if (item.factIds.length > 1) item.factIds.sort();
    return items.length > 1 ? items.sort(compareItems) : items;
  }
}

const SMALL = 16;

export function compareItems(a: Item, b: Item): number {
  return (
    cmp(a.provision, b.provision) ||
    cmp(a.rule, b.rule) ||
    cmp(a.code ?? '', b.code ?? '') ||
    (a.points ?? 0) - (b.points ?? 0) ||
    cmp(a.factIds[0] ?? '', b.factIds[0] ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function param(name: string, value: Scalar): Record<string, Scalar> {
  return { [name]: value };
}
