// A rule-set problem, always with the place a policy officer can go to: file:line:col.
export interface RuleError {
  file: string; // as shown to the user, e.g. rules/a05-1-code-of-conduct.yaml
  line: number; // 1-based
  col: number; // 1-based
  code: string; // stable machine code, e.g. duplicate-rule-id
  message: string;
}

export function formatRuleError(e: RuleError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

export function sortRuleErrors(errors: RuleError[]): RuleError[] {
  return [...errors].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : 1),
  );
}
