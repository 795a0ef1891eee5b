// Loader checks of `procedure` rules (see procedure.ts).
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { definesEvaluation } from './kind-checks.js';

/** Loader checks a schema cannot say: step order, one procedure per evaluation, amendable kinds, sections. */
export function checkProcedures(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const byId = new Map(c.rules.map((r) => [r.value.id, r.value]));
  const evaluations = new Map<string, Collected['rules'][number]['value']>();
  for (const { value: r } of c.rules) {
    if (definesEvaluation(r)) evaluations.set(r.evaluation, r);
  }
  const seen = new Map<string, string>();
  for (const located of c.rules) {
    const rule = located.value;
    if (rule.kind !== 'procedure') continue;
    const err = (path: string, code: string, message: string) =>
      errors.push(located.file.error(`${located.pointer}${path}`, code, message));
    const target = evaluations.get(rule.evaluation);
    if (!target) {
      err(
        '/evaluation',
        'unknown-evaluation',
        `evaluation ${rule.evaluation} is not defined by any score, annual-score or report rule`,
      );
    }
    const other = seen.get(rule.evaluation);
    if (other)
      err(
        '/evaluation',
        'duplicate-procedure',
        `evaluation ${rule.evaluation} already has procedure ${other}`,
      );
    seen.set(rule.evaluation, rule.id);

    const names = rule.steps.map((s) => s.step);
    const expected = names.includes('review') ? ['propose', 'review', 'publish'] : ['propose', 'publish'];
    if (names.join() !== expected.join()) {
      err(
        '/steps',
        'step-order',
        `steps must be ${expected.join(' → ')} (propose first, an optional review, publish last); got ${names.join(' → ')}`,
      );
    }
    rule.steps.forEach((s, i) => {
      if (!s.amendments) return;
      if (s.step !== 'review') {
        err(`/steps/${i}/amendments`, 'amendments-step', 'only a review step takes amendments');
        return;
      }
      s.amendments.forEach((a, j) => {
        const ok =
          a === 'grade'
            ? target !== undefined && 'decision' in target && target.decision !== undefined
            : target?.kind === 'annual-score' && target.adjustments !== undefined;
        if (target && !ok) {
          err(
            `/steps/${i}/amendments/${j}`,
            'amendment-kind',
            a === 'grade'
              ? `evaluation ${rule.evaluation} has no decision rule, so the group cannot determine its grade`
              : `evaluation ${rule.evaluation} takes no adjustments (an annual-score rule with adjustments does)`,
          );
        }
      });
    });

    for (const id of Object.keys(rule.labels ?? {})) {
      if (!byId.has(id)) err(`/labels/${id}`, 'unknown-rule', `rule ${id} does not exist`);
    }
    if (rule.sections) {
      if (target && target.kind !== 'report')
        err('/sections', 'sections-kind', 'sections are for report evaluations');
      const placed = new Map<string, string>();
      rule.sections.forEach((section, i) => {
        section.rules.forEach((entry, j) => {
          const path = `/sections/${i}/rules/${j}/rule`;
          const r = byId.get(entry.rule);
          if (!r) err(path, 'unknown-rule', `rule ${entry.rule} does not exist`);
          else if (!('reports' in r) || !(r.reports ?? []).includes(rule.evaluation))
            err(path, 'not-in-report', `rule ${entry.rule} does not report to ${rule.evaluation}`);
          const first = placed.get(entry.rule);
          if (first) err(path, 'section-twice', `rule ${entry.rule} is already in section ${first}`);
          placed.set(entry.rule, section.zh);
        });
      });
      for (const { value: r } of c.rules) {
        if ('reports' in r && (r.reports ?? []).includes(rule.evaluation) && !placed.has(r.id))
          err(
            '/sections',
            'section-missing',
            `rule ${r.id} reports to ${rule.evaluation} but is in no section`,
          );
      }
    }
  }
  return errors;
}
