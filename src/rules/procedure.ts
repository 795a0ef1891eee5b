// The `procedure` rule kind: for one evaluation kind, the steps its round goes through (propose,
// review, publish) and the role that takes each, what its notice is called, and for report kinds
// the columns (sections) of the notice. Plain types; the loader's checks are in check-procedure.ts.

export const STEPS = ['propose', 'review', 'publish'] as const;
export type StepName = (typeof STEPS)[number];
export type Amendment = 'grade' | 'points';

export interface ProcedureStep {
  step: StepName;
  role: string;
  amendments?: Amendment[];
}

export interface NoticeSection {
  zh: string;
  en?: string;
  rules: { rule: string; zh?: string }[];
}

export interface ProcedureRule {
  id: string;
  kind: 'procedure';
  provisions: string[];
  title: string;
  text: string;
  note?: string;
  evaluation: string;
  notice: { zh: string; en: string };
  publisher: { zh: string; en: string };
  steps: ProcedureStep[];
  sections?: NoticeSection[];
  /** Notice labels of items of rules without finding codes. */
  labels?: Record<string, string>;
}

/** The procedure of an evaluation kind in a rule set, if it has one. */
export function procedureOf(
  rules: readonly { kind: string }[],
  evaluation: string,
): ProcedureRule | undefined {
  return rules.find(
    (r): r is ProcedureRule => r.kind === 'procedure' && (r as ProcedureRule).evaluation === evaluation,
  );
}
