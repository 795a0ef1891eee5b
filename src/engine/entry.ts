// One fact as a rule that took it keeps it in the fact index: its day and id, and what the rule's
// kind read from it when it was indexed (engine/kind-facts.ts `index`), so that pricing it later
// never reads the fact again. Apart from fact-index.ts so that the kinds' halves can name it.

export interface Entry {
  day: number;
  date: string;
  id: string;
  rule: number; // index into Classifier.rules
  /** the finding code, for a rule that prices codes */
  code?: string;
  /** a ratio's two summed fields, as read from the fact */
  numerator?: number;
  denominator?: number;
  /** the value of the field a scaled rule counts (scale.field) */
  amount?: number;
  /** the value of the field that divides a rule's facts into groups (once.by) */
  by?: string;
}
