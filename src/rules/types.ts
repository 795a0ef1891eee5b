// The loaded rule set. The shapes of what rule files hold are generated from schemas/*.schema.json
// (`npm run types` → ./generated/); here only what the loader makes of them.
import type { DeclaredFactType } from '../schemas/fact-extension.js';
import type { FindingCodesFile } from './generated/finding-codes.js';
import type { ParametersFile } from './generated/parameters.js';
import type { ProvisionsFile } from './generated/provisions.js';
import type { ManifestFile } from './generated/ruleset.js';
import type { Rule, RuleOfKindMap } from './rule-kinds.js';

export type { ZhEn } from './generated/ruleset.js';
export type { Condition, EvaluationRef, MeasureSpec, ParamRef, Rule, RuleOfKind } from './rule-kinds.js';

export type Scalar = number | string | boolean;
export type Manifest = ManifestFile;
export type SubjectKindName = Manifest['scope']['subjectKinds'][number];
export type RosterSpec = NonNullable<Manifest['scope']['rosters'][SubjectKindName]>;
export type Cadence = RuleOfKindMap['score']['cadence'];

/** The manifest elements that cite (and so encode) provisions. */
export const MANIFEST_CITING_PARTS = [
  'purpose',
  'scope',
  'authority',
  'effective',
  'dimensions',
  'areas',
] as const;

export type Provision = ProvisionsFile['provisions'][number];

export interface ParameterValue {
  from: string;
  value: Scalar;
}

/** A parameter of parameters.yaml, its dated values as a list ascending by `from`. */
export type Parameter = Omit<ParametersFile['parameters'][string], 'values'> & {
  name: string;
  values: ParameterValue[];
};

export type FindingCode = FindingCodesFile['codes'][string] & { code: string };

export type Effect = RuleOfKindMap['fact-points']['effect'];
/** Points per quantity: counted once per `per` units (a parameter), rounded (default up). */
export type Scale = Omit<NonNullable<RuleOfKindMap['fact-points']['scale']>, 'field'>;
export type RatioBand = RuleOfKindMap['ratio-points']['bands'][number];
export type Population = NonNullable<RuleOfKindMap['score']['population']>;
export type Tier = RuleOfKindMap['tiers']['tiers'][number];

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
  /** Fact types of the regulation's own (rules/fact-types.yaml), by name; absent when it declares none. */
  factTypes?: Map<string, DeclaredFactType>;
  rules: Rule[]; // sorted by id
  rulesById: Map<string, Rule>;
  sources: Map<string, SourceRef>; // rule id → where it is written
  /** sha256 of the canonical JSON of the rule set's content (not of its files). */
  hash: string;
  /** The source files (relative path → text), so the exact rule set can be stored and reloaded. */
  files: Record<string, string>;
}
