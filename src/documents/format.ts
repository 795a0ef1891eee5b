// How numbers, periods and items read in a notice. The words (labels, period patterns, marks)
// are the templates' (templates/labels.yaml); this file only fills them in.
import type { Item } from '../engine/types.js';
import type { Period } from '../periods/index.js';

export interface Wording {
  columns: Record<
    | 'index'
    | 'name'
    | 'window'
    | 'unit'
    | 'rank'
    | 'score'
    | 'bottomGroup'
    | 'proposedTier'
    | 'tier'
    | 'deductions'
    | 'bonuses',
    string
  >;
  bottomGroupMark: string;
  decidedMark: string;
  /** Per cadence, with {year}, {quarter}, {month}, {half} ({half} from `halves`). */
  periods: Record<string, string>;
  halves: [string, string];
  count: string; // e.g. "×{n}"
  draft: string;
  superseded: string;
  [more: string]: unknown;
}

/** At most two decimals, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function formatPeriod(period: Period, wording: Wording): string {
  const pattern = wording.periods[period.cadence] ?? period.id;
  const [year, month, day] = period.start.split('-').map(Number) as [number, number, number];
  return pattern
    .replace('{year}', String(year))
    .replace('{quarter}', String(Math.floor((month - 1) / 3) + 1))
    .replace('{month}', String(month))
    .replace('{half}', day === 1 ? wording.halves[0] : wording.halves[1]);
}

/** One item as a line: label, count, points, value, and the dates of its facts. */
export function itemText(
  item: Item,
  label: string,
  share: boolean,
  dateOf: (factId: string) => string | undefined,
): string {
  const parts = [label];
  if (item.count !== undefined && item.count > 1) parts.push(`×${item.count}`);
  if (item.points !== undefined && item.points !== 0)
    parts.push(item.points > 0 ? `+${formatNumber(item.points)}` : formatNumber(item.points));
  if (item.effect === 'measure' && item.value !== undefined)
    parts.push(share ? `${formatNumber(item.value * 100)}%` : formatNumber(item.value));
  const days = [...new Set(item.factIds.map(dateOf).filter((d): d is string => d !== undefined))]
    .sort()
    .map((d) => d.slice(5));
  return days.length > 0 ? `${parts.join(' ')}（${days.join('、')}）` : parts.join(' ');
}
