// Rule kinds as the loader sees them: the rule types (generated from the rules-file schema, one
// `$defs` entry per kind) and the loader's half of each kind's module (src/kinds/).
import type { Rule } from './generated/rules-file.js';

export type { Condition, EvaluationRef, MeasureSpec, ParamRef, Rule } from './generated/rules-file.js';

export type RuleKind = Rule['kind'];
export type RuleOfKindMap = { [K in RuleKind]: Extract<Rule, { kind: K }> };
export type RuleOfKind<K extends RuleKind> = RuleOfKindMap[K];
