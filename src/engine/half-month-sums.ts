// Measure facts summed per half-month: [count, sum, true count] per (half-month, subject, measure
// rule). One table per subject kind, cut into one Float64Array block per half-month holding every
// subject of the kind side by side (a slot each). Facts mostly arrive in date order, so the block
// being written is the same for thousands of facts in a row and stays in the processor's cache;
// a region per subject (the earlier layout) sent nearly every fact to memory, as did the subject's
// own object, which a measure fact no longer touches: its slot is found from the subject id.

/** Slots a block holds at first; it doubles as subjects arrive. */
const FIRST_CAPACITY = 64;

/** Measure rule (index into Classifier.rules) → its column among its subject kind's measure rules. */
export interface MeasureColumns {
  /** -1 for rules that are not measures */
  column: Int32Array;
  /** subject kind → number of measure rules about it */
  width: Map<string, number>;
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
  return { column, width };
}

/** One subject kind's sums: a block per half-month, a slot per subject. */
export class MeasureTable {
  private readonly stride: number;
  private capacity = FIRST_CAPACITY;
  private slots = 0;
  /** half-month index (periodIndex) of blocks[0] */
  private base = 0;
  private blocks: (Float64Array | undefined)[] = [];

  constructor(
    private readonly column: Int32Array,
    width: number,
  ) {
    this.stride = width * 3;
  }

  /** A new subject's slot, and its view of the sums. */
  open(): HalfMonthSums {
    if (this.slots === this.capacity) {
      this.capacity *= 2;
      const size = this.capacity * this.stride;
      this.blocks = this.blocks.map((b) => {
        if (!b) return b;
        const grown = new Float64Array(size);
        grown.set(b);
        return grown;
      });
    }
    return new HalfMonthSums(this, this.slots++);
  }

  /** Counts one fact of measure rule `rule` about the subject in `slot`; `value` is its field's value. */
  add(slot: number, half: number, rule: number, value: unknown): void {
    const block = this.blocks[half - this.base] ?? this.block(half);
    const at = slot * this.stride + (this.column[rule] as number) * 3;
    (block[at] as number)++;
    if (typeof value === 'number') block[at + 1] = (block[at + 1] as number) + value;
    if (value === true) (block[at + 2] as number)++;
  }

  /**
   * Count, sum and true count of rule `rule` for `slot` over half-months `from`..`to`, added half
   * by half in ascending order (the order the floating-point sums were always taken in).
   */
  total(slot: number, from: number, to: number, rule: number): [number, number, number] {
    const col = this.column[rule] ?? -1;
    let count = 0;
    let sum = 0;
    let trues = 0;
    if (col < 0) return [count, sum, trues];
    const at = slot * this.stride + col * 3;
    const lo = Math.max(from, this.base);
    const hi = Math.min(to, this.base + this.blocks.length - 1);
    for (let h = lo; h <= hi; h++) {
      const block = this.blocks[h - this.base];
      if (!block) continue;
      count += block[at] as number;
      sum += block[at + 1] as number;
      trues += block[at + 2] as number;
    }
    return [count, sum, trues];
  }

  /** The block of `half`, created (and the list of blocks extended to reach it) when missing. */
  private block(half: number): Float64Array {
    if (this.blocks.length === 0) this.base = half;
    if (half < this.base) {
      this.blocks = [...new Array<undefined>(this.base - half), ...this.blocks];
      this.base = half;
    }
    while (this.blocks.length <= half - this.base) this.blocks.push(undefined);
    const block = new Float64Array(this.capacity * this.stride);
    this.blocks[half - this.base] = block;
    return block;
  }
}

/** One subject's view of its kind's table (the fact index adds to the table by slot). */
export class HalfMonthSums {
  constructor(
    private readonly table: MeasureTable,
    readonly slot: number,
  ) {}

  total(from: number, to: number, rule: number): [number, number, number] {
    return this.table.total(this.slot, from, to, rule);
  }
}
