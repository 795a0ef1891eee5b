// MeasureTable (the measure facts' sums, a block per half-month and a slot per subject) against a
// plain model of the same sums: subjects opened before and after the blocks grow, half-months
// before the first one seen and far after it, facts in any order, totals over any range.
import { describe, expect, it } from 'vitest';
import { MeasureTable, measureColumns } from '../../src/engine/half-month-sums.js';

/** A deterministic sequence (no Math.random: a failure must repeat). */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('MeasureTable', () => {
  // Rules 0 and 2 are measures about staff, rule 1 is not a measure, rule 3 is about windows.
  const columns = measureColumns(['staff', undefined, 'staff', 'window']);

  it('numbers the measure columns per subject kind', () => {
    expect([...columns.column]).toEqual([0, -1, 1, 0]);
    expect(columns.width.get('staff')).toBe(2);
    expect(columns.width.get('window')).toBe(1);
  });

  it('sums as a plain model does, across slot growth and half-months on both sides of the first', () => {
    const table = new MeasureTable(columns.column, 2);
    const model = new Map<string, [number, number, number]>();
    const subjects: { slot: number }[] = [];
    const next = rng(7);
    // 300 subjects: the blocks' capacity (64 at first) doubles three times while facts arrive.
    for (let n = 0; n < 20_000; n++) {
      if (subjects.length < 300 && (subjects.length === 0 || next() < 0.02)) subjects.push(table.open());
      const subject = subjects[Math.floor(next() * subjects.length)] as { slot: number };
      // Mostly in date order around half-month 1000, some far before and after it.
      const half = next() < 0.05 ? 900 + Math.floor(next() * 300) : 1000 + Math.floor(n / 1000);
      const rule = next() < 0.5 ? 0 : 2;
      const value = next() < 0.3 ? true : next() < 0.6 ? Math.floor(next() * 10) : undefined;
      table.add(subject.slot, half, rule, value);
      const key = `${subject.slot}|${half}|${rule}`;
      const m = model.get(key) ?? [0, 0, 0];
      m[0]++;
      if (typeof value === 'number') m[1] += value;
      if (value === true) m[2]++;
      model.set(key, m);
    }
    expect(subjects.length).toBeGreaterThan(128);
    for (const { slot } of subjects)
      for (const [from, to] of [
        [900, 1199],
        [1000, 1005],
        [850, 950],
        [1010, 1500],
        [1003, 1003],
      ] as const)
        for (const rule of [0, 2]) {
          const want: [number, number, number] = [0, 0, 0];
          for (let h = from; h <= to; h++) {
            const m = model.get(`${slot}|${h}|${rule}`);
            if (m) for (let i = 0; i < 3; i++) want[i] = (want[i] as number) + (m[i] as number);
          }
          expect(table.total(slot, from, to, rule), `slot ${slot} ${from}..${to} rule ${rule}`).toEqual(want);
        }
  });

  it('answers zeros for a rule that is not a measure and for a subject with no facts', () => {
    const table = new MeasureTable(columns.column, 2);
    const a = table.open();
    const b = table.open();
    table.add(a.slot, 1000, 0, 3);
    expect(a.total(1000, 1000, 0)).toEqual([1, 3, 0]);
    expect(a.total(1000, 1000, 1)).toEqual([0, 0, 0]);
    expect(b.total(0, 5000, 0)).toEqual([0, 0, 0]);
  });
});
