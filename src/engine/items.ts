// Grouping of facts into result items: one item per rule, code and unit price, with the fact ids
// behind it and the parameter value that priced it. Items come out in a stable order.
import type { Scalar } from '../rules/types.js';
import type { Item } from './types.js';

export class ItemGroups {
  /** created on the first item: most subjects' periods have none */
  private groups: Map<string, Item> | undefined;

  // get-then-create rather than a factory callback: the hot loop (one call per fact of every
  // result) then allocates nothing for facts that join an existing item.
  get(key: string): Item | undefined {
    return this.groups?.get(key);
  }

  create(key: string, item: Item): Item {
    this.groups ??= new Map();
    this.groups.set(key, item);
    return item;
  }

  /** Counts one more fact into an item. */
  count(item: Item, factId: string | undefined, points: number | undefined): void {
    if (factId !== undefined) item.factIds.push(factId);
    item.count = (item.count ?? 0) + 1;
    if (points !== undefined) item.points = (item.points ?? 0) + points;
  }

  put(item: Item): void {
    this.groups ??= new Map();
    this.groups.set(`${item.rule}|${this.groups.size}`, item);
  }

  items(): Item[] {
    if (!this.groups) return [];
    const items = [...this.groups.values()];
    for (const item of items) item.factIds.sort();
    return items.sort(compareItems);
  }
}

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
