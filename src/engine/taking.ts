// What the rules that take facts do with their entries once indexed: their share of a subject's
// score for a period (engine/score.ts), their items in the reports that name them and, for facts
// summed per half-month, their measure items (engine/evaluations.ts). Each kind's module
// (src/kinds/) says it per rule, once per rule set (stages.ts `ruleItems`), so the per-fact loops
// call what the rule's kind prepared instead of asking the kind of every entry.
import type { Period } from '../periods/index.js';
import type { Rule } from '../rules/rule-kinds.js';
import type { Context } from './context.js';
import type { Entry } from './entry.js';
import { ItemGroups } from './items.js';
import type { Item } from './types.js';

/** A subject's tally for one period, filled entry by entry (one class: the hot loop sees one shape). */
export class TallyState {
  readonly groups = new ItemGroups();
  /** positive number of points lost */
  deductions = 0;
  bonuses = 0;
  readonly deductionFactIds: string[] = [];
  /** what rules that price their entries together (a ratio, groups of facts) collected so far */
  private open: Map<RuleItems, unknown> | undefined;

  constructor(
    readonly ctx: Context,
    readonly period: Period,
  ) {}

  /** What a rule collected so far (created on its first entry); its `close` prices it at the end. */
  collected<T>(items: RuleItems, create: () => T): T {
    this.open ??= new Map();
    let collected = this.open.get(items) as T | undefined;
    if (collected === undefined) {
      collected = create();
      this.open.set(items, collected);
    }
    return collected;
  }

  /** Prices what each rule collected, in the order of their first entries. */
  close(): void {
    if (this.open) for (const [items, collected] of this.open) items.close?.(this, collected);
  }
}

/** [count, sum of the field, count of `true`] of a rule's half-month sums over a period. */
export type SumTotals = readonly [number, number, number];

/** One rule's items, as its kind prepares them for that rule. */
export interface RuleItems {
  /**
   * Counts one entry of `rule` (this rule) into a subject's tally; absent: its entries weigh on no
   * score. The rule is passed, not captured, so one function serves every rule of a shape.
   */
  tally?(t: TallyState, entry: Entry, rule: Rule): void;
  /** Prices what `tally` collected (TallyState.collected) once every entry is in. */
  close?(t: TallyState, collected: unknown): void;
  /** The evaluations (report kinds) that list its items. */
  reports?: readonly string[];
  /** Adds one entry of `rule` (this rule) to a report's items (under the evaluation's period). */
  report?(ctx: Context, groups: ItemGroups, entry: Entry, rule: Rule): void;
  /** For facts summed per half-month: the item shown from the period's totals. */
  summed?(ctx: Context, totals: SumTotals): Item;
}

export type TallyFn = (t: TallyState, entry: Entry, rule: Rule) => void;
export type ReportFn = (ctx: Context, groups: ItemGroups, entry: Entry, rule: Rule) => void;

const weighsNothing: TallyFn = () => {};

/**
 * The classified rules' items prepared for the per-entry loops: flat arrays by rule index, so that
 * the loops index an array and call, with no lookup by kind and no optional member per entry.
 */
export class PreparedItems {
  /** by rule index: counts an entry into a tally (a no-op for rules that weigh on no score) */
  readonly tally: readonly TallyFn[];
  private readonly byReport = new Map<string, readonly (ReportFn | undefined)[]>();

  constructor(readonly items: readonly (RuleItems | undefined)[]) {
    this.tally = items.map((i) => i?.tally ?? weighsNothing);
  }

  /** by rule index: adds an entry's item to a report of `evaluation`, for the rules it lists. */
  report(evaluation: string): readonly (ReportFn | undefined)[] {
    let fns = this.byReport.get(evaluation);
    if (!fns) {
      fns = this.items.map((i) => (i?.reports?.includes(evaluation) ? i.report : undefined));
      this.byReport.set(evaluation, fns);
    }
    return fns;
  }
}
