// The loaded rule set: plain data, mirroring schemas/*.schema.json (the schemas validate it first).
import type { ProcedureRule } from './procedure.js';
export type Scalar = number | string | boolean;
export type SubjectKindName = 'staff' | 'window' | 'department';
export type Cadence = 'half-month' | 'month' | 'quarter' | 'year';

export interface ZhEn {
  zh: string;
  en: string;
}

export interface ParamRef {
  param: string;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: string; value: Scalar | null | Scalar[] | ParamRef };

export interface RosterSpec {
  factType: string;
  from?: string;
  to?: string;
  group?: string;
  groupKind?: SubjectKindName;
  labelSet?: string;
  /** Absent means `latest`: the latest roster fact holds for all periods (rule sets before 2018.2). */
  history?: 'latest' | 'dated';
}

export interface Manifest {
  kind: 'ruleset';
  id: string;
  title: ZhEn;
  documentNumber: string;
  issuedOn?: string;
  version: string;
  timeZone: string;
  purpose: { provisions: string[] } & ZhEn;
  scope: {
    provisions: string[];
    subjectKinds: SubjectKindName[];
    rosters: Partial<Record<SubjectKindName, RosterSpec>>;
  } & ZhEn;
  authority: { provisions: string[]; issuing: ZhEn; interpreting: ZhEn };
  effective: { provisions: string[]; from: string; to?: string };
  dimensions: { provisions: string[]; values: Record<string, ZhEn> };
  areas: { provisions: string[]; values: Record<string, ZhEn> };
}

/** The manifest elements that cite (and so encode) provisions. */
export const MANIFEST_CITING_PARTS = [
  'purpose',
  'scope',
  'authority',
  'effective',
  'dimensions',
  'areas',
] as const;

export interface Provision extends ZhEn {
  id: string;
}

export interface ParameterValue {
  from: string;
  value: Scalar;
}

export interface Parameter {
  name: string;
  title: ZhEn;
  provisions: string[];
  unit?: string;
  allowed?: Scalar[];
  values: ParameterValue[]; // ascending by `from`
}

export interface FindingCode extends ZhEn {
  code: string;
  provision: string;
  subject: SubjectKindName;
}

interface RuleBase {
  id: string;
  provisions: string[];
  title: string;
  text: string;
  note?: string;
}
interface Tagged {
  dimension: string;
  area: string;
  reports?: string[];
}

export type Effect = 'deduction' | 'bonus' | 'liability' | 'record';

/** Points per quantity: counted once per `per` units (a parameter), rounded (default up). */
export interface Scale {
  per?: string;
  round?: 'up' | 'down' | 'none';
}

export interface PrincipleRule extends RuleBase {
  kind: 'principle';
}
export interface FactPointsRule extends RuleBase, Tagged {
  kind: 'fact-points';
  subject: SubjectKindName;
  factType: string;
  codes?: Record<string, string>;
  when?: Condition;
  points?: string;
  effect: Effect;
  severity?: 'serious';
  /** the points count per quantity of a number field of the fact */
  scale?: Scale & { field: string };
  /** each complete group of `count` matching facts within one calendar period counts once */
  every?: { count: string; within: Cadence };
}
export interface MeasureRule extends RuleBase, Tagged {
  kind: 'measure';
  subject: SubjectKindName;
  factType: string;
  when?: Condition;
  aggregate: 'count' | 'sum' | 'share';
  field?: string;
}
export interface RatioBand {
  atLeast?: string;
  below?: string;
  effect: 'deduction' | 'bonus';
  points: string;
  /** the points count per `per` of the distance below `below` (or above `atLeast`) */
  scale?: Scale;
}
export interface RatioPointsRule extends RuleBase, Tagged {
  kind: 'ratio-points';
  subject: SubjectKindName;
  factType: string;
  numerator: string;
  denominator: string;
  bands: RatioBand[];
}
export interface RollupRule extends RuleBase, Tagged {
  kind: 'rollup';
  subject: SubjectKindName;
  from: SubjectKindName;
  factor: string;
  effect: 'deduction';
}
export interface Population {
  minDaysOnRoster?: string;
}
export interface ScoreRule extends RuleBase {
  kind: 'score';
  evaluation: string;
  cadence: Cadence;
  subject: SubjectKindName;
  base: string;
  floor?: string;
  bonusCap?: string;
  population?: Population;
  ranking?: string;
  tiers?: string;
  decision?: string;
  /** the highest possible score */
  ceiling?: string;
  /** area → the most points the area can lose */
  areaCaps?: Record<string, string>;
  /** start from the mean of the members' scores in this evaluation instead of the base */
  members?: { evaluation: string; aggregate?: 'mean' };
}
export interface AnnualScoreRule extends RuleBase {
  kind: 'annual-score';
  evaluation: string;
  cadence: Cadence;
  subject: SubjectKindName;
  meanOf: string;
  adjustments?: { factType: string; yearField: string };
  tiers?: string;
  decision?: string;
  ranking?: string;
}
export interface ReportRule extends RuleBase {
  kind: 'report';
  evaluation: string;
  cadence: Cadence;
  subjects: SubjectKindName[];
  population?: Population;
}
export interface RankingRule extends RuleBase {
  kind: 'ranking';
  evaluation: string;
  method: 'competition';
  bottomGroup?: { size: string; ties: string; exemptAtOrAboveBase: string };
  /** the best N (size) or the best share of the ranked (share) */
  topGroup?: { size?: string; share?: string; ties?: string };
}
export interface Tier {
  id: string;
  min?: string;
  en: string;
  labels: Record<string, string>;
}
export interface TiersRule extends RuleBase {
  kind: 'tiers';
  labelSetField?: string;
  defaultLabelSet?: string;
  tiers: Tier[];
}
export interface DecisionRule extends RuleBase {
  kind: 'decision';
  factType: string;
  periodField: string;
  gradeField: string;
}
export type EvaluationRef = string | ParamRef;
export type MeasureSpec =
  | {
      streak: {
        evaluation: EvaluationRef;
        flag: 'bottomGroup';
        run: 'consecutive' | 'window';
        months?: string;
        mode?: string;
      };
    }
  | { events: { factType: string; after?: { factType: string }; months?: string; mode?: string } }
  | { latestResult: { evaluation: EvaluationRef; field: 'tier' } };
export interface ConditionRule extends RuleBase {
  kind: 'condition';
  verdict: string;
  measures: Record<string, MeasureSpec>;
  when: Condition;
}
export interface VerdictRule extends RuleBase {
  kind: 'verdict';
  subject: SubjectKindName;
  combine: 'any' | 'all';
}

export type Rule =
  | PrincipleRule
  | FactPointsRule
  | MeasureRule
  | RatioPointsRule
  | RollupRule
  | ScoreRule
  | AnnualScoreRule
  | ReportRule
  | RankingRule
  | TiersRule
  | DecisionRule
  | ConditionRule
  | VerdictRule
  | ProcedureRule;

export type RuleOfKind<K extends Rule['kind']> = Extract<Rule, { kind: K }>;

/** Where an element was written, for messages and explanations. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

export interface RuleSet {
  manifest: Manifest;
  provisions: Map<string, Provision>;
  parameters: Map<string, Parameter>;
  findingCodes: Map<string, FindingCode>;
  rules: Rule[]; // sorted by id
  rulesById: Map<string, Rule>;
  sources: Map<string, SourceRef>; // rule id → where it is written
  /** sha256 of the canonical JSON of the rule set's content (not of its files). */
  hash: string;
  /** The source files (relative path → text), so the exact rule set can be stored and reloaded. */
  files: Record<string, string>;
}
