// Rule kinds as types: one per `$defs` entry of the rules-file schema, generated (./generated/).
import type { Rule } from './generated/rules-file.js';

export type { Condition, EvaluationRef, MeasureSpec, ParamRef, Rule } from './generated/rules-file.js';

export type RuleKind = Rule['kind'];
export type RuleOfKindMap = { [K in RuleKind]: Extract<Rule, { kind: K }> };
export type RuleOfKind<K extends RuleKind> = RuleOfKindMap[K];

/** The kinds whose rules define an evaluation (an id, a cadence): derived from their schemas. */
export type EvaluationKind = {
  [K in RuleKind]: RuleOfKind<K> extends { evaluation: string; cadence: string } ? K : never;
}[RuleKind];
export type EvaluationRule = RuleOfKind<EvaluationKind>;
