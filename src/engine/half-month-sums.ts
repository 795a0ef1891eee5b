// One subject's measure facts summed per half-month: [count, sum, true count] per (half-month,
// measure rule) in one growable region of a shared Float64Array. A Map per half-month and an array
// per rule cost ~700,000 long-lived objects at 3,840 staff; this costs one small object per
// subject, read and written by index, so building the fact index leaves the garbage collector
// little to trace. Regions are cut from slabs: a typed array per subject costs ~10 µs to allocate.

/** Half-months per row block: a subject's region grows a year at a time (or doubles). */
const BLOCK = 24;
/** Doubles per slab (512 KiB); a larger region gets an array of its own. */
const SLAB = 65_536;

/** Measure rule (index into Classifier.rules) → its column among its subject kind's measure rules. */
export interface MeasureColumns {
  /** -1 for rules that are not measures */
  column: Int32Array;
  /** subject kind → number of measure rules about it */
  width: Map<string, number>;
  /** where regions are cut from (one per fact index) */
  slab: { data: Float64Array; used: number };
}

/** `subjects`: by rule index, the subject kind of a rule whose facts are summed, else undefined. */
export function measureColumns(subjects: readonly (string | undefined)[]): MeasureColumns {
  const column = new Int32Array(subjects.length).fill(-1);
  const width = new Map<string, number>();
  subjects.forEach((subject, index) => {
    if (subject === undefined) return;
    const n = width.get(subject) ?? 0;
    column[index] = n;
    width.set(subject, n + 1);
  });
  return { column, width, slab: { data: new Float64Array(0), used: 0 } };
}

/** A zeroed region of `size` doubles: [array, offset]. */
function region(columns: MeasureColumns, size: number): [Float64Array, number] {
  if (size > SLAB / 4) return [new Float64Array(size), 0];
  let slab = columns.slab;
  if (slab.used + size > slab.data.length) {
    slab = { data: new Float64Array(SLAB), used: 0 };
    columns.slab = slab;
  }
  const at = slab.used;
  slab.used += size;
  return [slab.data, at];
}

export class HalfMonthSums {
  /** half-month index (periodIndex) of row 0 */
  private first = 0;
  private rows = 0;
  private data: Float64Array = new Float64Array(0);
  /** where row 0 starts in `data` */
  private offset = 0;
  private readonly stride: number;

  constructor(
    private readonly columns: MeasureColumns,
    width: number,
  ) {
    this.stride = width * 3;
  }

  /** Counts one fact of measure rule `rule` in half-month `half`; `value` is its field's value. */
  add(half: number, rule: number, value: unknown): void {
    if (half < this.first || half >= this.first + this.rows) this.grow(half);
    const at = this.offset + (half - this.first) * this.stride + (this.columns.column[rule] as number) * 3;
    const data = this.data;
    (data[at] as number)++;
    if (typeof value === 'number') data[at + 1] = (data[at + 1] as number) + value;
    if (value === true) (data[at + 2] as number)++;
  }

  /**
   * Count, sum and true count of rule `rule` over half-months `from`..`to`, added half by half in
   * ascending order (the order the floating-point sums were always taken in).
   */
  total(from: number, to: number, rule: number): [number, number, number] {
    const col = this.columns.column[rule] ?? -1;
    let count = 0;
    let sum = 0;
    let trues = 0;
    if (col < 0) return [count, sum, trues];
    const lo = Math.max(from, this.first);
    const hi = Math.min(to, this.first + this.rows - 1);
    for (let h = lo; h <= hi; h++) {
      const at = this.offset + (h - this.first) * this.stride + col * 3;
      count += this.data[at] as number;
      sum += this.data[at + 1] as number;
      trues += this.data[at + 2] as number;
    }
    return [count, sum, trues];
  }

  private grow(half: number): void {
    const start = half - (((half % BLOCK) + BLOCK) % BLOCK);
    if (this.rows === 0) {
      this.first = start;
      this.rows = BLOCK;
      [this.data, this.offset] = region(this.columns, BLOCK * this.stride);
      return;
    }
    const last = this.first + this.rows;
    const first = half < this.first ? Math.min(start, this.first - this.rows) : this.first;
    const end = half >= last ? Math.max(start + BLOCK, last + this.rows) : last;
    const [data, offset] = region(this.columns, (end - first) * this.stride);
    const from = this.offset;
    data.set(
      this.data.subarray(from, from + this.rows * this.stride),
      offset + (this.first - first) * this.stride,
    );
    this.first = first;
    this.rows = end - first;
    this.data = data;
    this.offset = offset;
  }
}
