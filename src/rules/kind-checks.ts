// The loader's half of a rule kind's module (src/kinds/): its schema and the checks a schema
// cannot say. The semantic checks ask the installed table instead of switching on the kind.
import type { Choice } from './choices.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import type { EvaluationRule, Rule, RuleKind, RuleOfKind } from './rule-kinds.js';
import type { FindingCode, RosterSpec, SubjectKindName } from './types.js';

/** A field of a rule that names a parameter: where, the type its values must have, their closed set. */
export interface ParamField {
  path: string;
  type: 'number' | 'string' | 'boolean';
  choice?: Choice;
  /**
   * The finding codes it prices on each finding's day. Only such a parameter may start after
   * effective.from: ingest refuses a finding of those codes before it has a value (priced-codes.ts).
   */
  codes?: readonly string[];
}

/** What a kind's reference check can ask about the rule set and where it reports (see check-references.ts). */
export interface ReferenceCheck {
  /** Reports a problem at a path below the rule. */
  err(path: string, code: string, message: string, atKey?: boolean): void;
  /** Reports a fact type outside the fact contract. */
  factType(path: string, type: string): void;
  /** The rule an id names, when it exists and is of the kind needed (reported otherwise). */
  refRule<K extends RuleKind>(path: string, id: string | undefined, kind: K): RuleOfKind<K> | undefined;
  /** The rule defining an evaluation, when there is one (reported otherwise). */
  refEvaluation(path: string, id: string): EvaluationRule | undefined;
  /** A finding code of finding-codes.yaml. */
  code(code: string): FindingCode | undefined;
  /** Every finding code of finding-codes.yaml. */
  codes(): Iterable<string>;
  /** Notes that a rule prices a code; the id of the rule that priced it before, if any. */
  pricedBy(code: string, ruleId: string): string | undefined;
  /** The roster of a subject kind, as scope.rosters declares it. */
  roster(kind: SubjectKindName): RosterSpec | undefined;
  /** Every rule of the rule set. */
  rules(): readonly Rule[];
  /** The rule defining an evaluation, without reporting its absence (the last one when defined twice). */
  evaluation(id: string): EvaluationRule | undefined;
  /** Every evaluation id the rule set defines. */
  evaluations(): Iterable<string>;
  /** The areas (A8.1) of ruleset.yaml. */
  areas(): ReadonlySet<string>;
  /** Every roster of scope.rosters. */
  rosters(): Partial<Record<SubjectKindName, RosterSpec>>;
}

/**
 * The loader's half of a rule kind: the schema that validates it and the semantic checks a schema
 * cannot say. Each kind's module (src/kinds/) gives one; the composition installs them all.
 */
export interface RuleKindChecks<K extends RuleKind = RuleKind> {
  kind: K;
  /** Its definition in schemas/rules-file.schema.json (`#/$defs/<schema>`). */
  schema: string;
  /** Its rules define an evaluation (`evaluation`, `cadence`) that other rules and requests name. */
  definesEvaluation?: boolean;
  /** Its rules carry a dimension (A7.2) and an area (A8.1) of ruleset.yaml. */
  tagged: boolean;
  /** The fields naming parameters, in the order they are reported. */
  parameters?(rule: RuleOfKind<K>): [ParamField, string | undefined][];
  /** The data fields of its fact type the rule names besides its `when`: [path, field]. */
  dataFields?(rule: RuleOfKind<K>): [string, string][];
  /** Fact types, codes, rules and evaluations it names: they must exist and fit. */
  references?(rule: RuleOfKind<K>, check: ReferenceCheck): void;
  /** Checks across all its rules at once (one procedure per evaluation, tier bounds on every date). */
  ruleSetChecks?(c: Collected): RuleError[];
}

let installed: ReadonlyMap<RuleKind, RuleKindChecks> | undefined;

/** Called once by the composition (src/kinds/index.ts) before anything loads a rule set. */
export function installRuleKindChecks(kinds: readonly RuleKindChecks[]): void {
  installed = new Map(kinds.map((k) => [k.kind, k]));
}

/** The installed kinds' checks; a program that loads rules without installing them is a bug. */
export function ruleKindChecks(): ReadonlyMap<RuleKind, RuleKindChecks> {
  if (!installed)
    throw new Error('rule kinds are not installed: call installKinds() (src/kinds/index.ts) first');
  return installed;
}

/** The checks of a rule's kind. */
export function checksOf(rule: Rule): RuleKindChecks | undefined {
  return ruleKindChecks().get(rule.kind);
}

/** A field naming a number parameter (that prices these finding codes, when given). */
export const numberParam = (path: string, codes?: readonly string[]): ParamField =>
  codes && codes.length > 0 ? { path, type: 'number', codes } : { path, type: 'number' };

/** A field naming a string parameter, of a closed set where the engine interprets it. */
export const stringParam = (path: string, choice?: Choice): ParamField =>
  choice ? { path, type: 'string', choice } : { path, type: 'string' };

/** Whether a rule defines an evaluation, as its kind's module says. */
export function definesEvaluation(rule: Rule): rule is EvaluationRule {
  return ruleKindChecks().get(rule.kind)?.definesEvaluation === true;
}
