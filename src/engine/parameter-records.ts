// The parameter values an evaluation's results record: most results of one period record the very
// same values (base, cap and floor read on the period's first day), so equal records are kept once
// and shared, and the ranking's values are added to each distinct record once instead of to every
// result (thousands of small objects written after the fact cost more than the scores themselves).
// Results are read-only once cached, so sharing a record is invisible in their JSON.
import type { UsedParameters } from './params.js';

/** Records seen in one evaluation; a lookup compares with the few distinct ones kept. */
export class ParameterRecords {
  private readonly records: { record: UsedParameters; keys: string[] }[] = [];

  /** The kept record equal to `used` (same names in the same order, same values), else `used`. */
  share(used: UsedParameters): UsedParameters {
    // Newest first: records of one evaluation come in runs (same tier, same roster category).
    for (let i = this.records.length - 1; i >= 0 && i >= this.records.length - KEPT; i--) {
      const kept = this.records[i] as (typeof this.records)[number];
      if (sameValues(kept.keys, kept.record, used)) return kept.record;
    }
    this.records.push({ record: used, keys: Object.keys(used) });
    return used;
  }

  /** Adds values (the ranking's) to every record handed out, as if added to each result's. */
  addToAll(values: UsedParameters): void {
    for (const { record } of this.records) Object.assign(record, values);
  }
}

// Enough for the tier and category combinations of one period; more distinct records stay unshared.
const KEPT = 16;

function sameValues(keys: string[], kept: UsedParameters, used: UsedParameters): boolean {
  // for…in, not Object.keys: a look-up that allocates nothing, once per result.
  let i = 0;
  for (const key in used) {
    if (key !== keys[i] || used[key] !== kept[key]) return false;
    i++;
  }
  return i === keys.length;
}
