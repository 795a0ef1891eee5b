// Output shapes (schemas/item, result, evaluation, verdict are their contract).
import type { SubjectRef } from '../model/fact.js';
import type { Scalar } from '../rules/types.js';

export interface Item {
  provision: string;
  rule: string;
  code?: string;
  effect?: 'deduction' | 'bonus' | 'liability' | 'record' | 'adjustment' | 'measure';
  points?: number;
  count?: number;
  value?: number;
  factIds: string[];
  factCount?: number;
  parameters?: Record<string, Scalar>;
  dimension?: string;
  area?: string;
  severity?: string;
  /** the group an `once` or `every` item counts (day or period, and the `by` field's value) */
  group?: string;
  note?: string;
}

export interface TierResult {
  id: string;
  label: string;
  decided: boolean;
  proposed?: { id: string; label: string };
}

export interface Result {
  subject: SubjectRef;
  score?: number;
  rank?: number;
  bottomGroup?: boolean;
  topGroup?: boolean;
  tier?: TierResult;
  items: Item[];
  explanation?: Record<string, unknown>;
}

export interface EvaluationBody {
  kind: string;
  period: string;
  ruleset: { version: string; hash: string };
  factsDigest: string;
  results: Result[];
}

export interface ConditionResult {
  provision: string;
  rule: string;
  met: boolean;
  evidence: Record<string, unknown>;
}

export interface VerdictBody {
  subject: SubjectRef;
  date: string;
  ruleset: { version: string; hash: string };
  [verdictFlag: string]: unknown;
  conditions: ConditionResult[];
}
