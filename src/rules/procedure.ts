// The `procedure` rule kind: for one evaluation kind, the steps its round goes through (propose,
// review, publish) and the role that takes each, what its notice is called, and for report kinds
// the columns (sections) of the notice. Types from the schema; the loader's checks are in check-procedure.ts.
import type { RuleOfKind } from './rule-kinds.js';

export const STEPS = ['propose', 'review', 'publish'] as const;
export type ProcedureRule = RuleOfKind<'procedure'>;
export type ProcedureStep = ProcedureRule['steps'][number];
export type StepName = ProcedureStep['step'];
export type Amendment = NonNullable<ProcedureStep['amendments']>[number];
export type NoticeSection = NonNullable<ProcedureRule['sections']>[number];

/** The procedure of an evaluation kind in a rule set, if it has one. */
export function procedureOf(
  rules: readonly { kind: string }[],
  evaluation: string,
): ProcedureRule | undefined {
  return rules.find(
    (r): r is ProcedureRule => r.kind === 'procedure' && (r as ProcedureRule).evaluation === evaluation,
  );
}
