// Amendments of a review: where the assessment group determines a tier, each amendment becomes a
// fact with its reason — a grade decision, or a score adjustment of the annual review — of the
// types the rule set names, so replay and verdicts see them like any other fact.
import { randomBytes } from 'node:crypto';
import type { Fact } from '../model/fact.js';
import type { ProcedureStep } from '../rules/procedure.js';
import type { RuleSet } from '../rules/types.js';
import { unprocessable } from './errors.js';
import { checkKeys, checkString, show } from './input.js';

export interface Amendment {
  subject: string;
  grade?: string;
  points?: number;
  reason: string;
}

const SUBJECT = /^(staff|window|department):([\p{L}\p{N}._-]{1,64})$/u;

export function checkAmendments(value: unknown, step: ProcedureStep, kind: string): Amendment[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw unprocessable('invalid-amendments', `amendments must be a list (got ${show(value)})`);
  const allowed = step.amendments ?? [];
  if (value.length > 0 && allowed.length === 0) {
    throw unprocessable(
      'no-amendments',
      `the assessment group determines no tier of ${kind}: its review takes no amendments`,
    );
  }
  return value.map((raw, i) => {
    const a = checkKeys(
      raw,
      `amendments[${i}]`,
      ['subject', 'grade', 'points', 'reason'],
      ['subject', 'reason'],
    );
    const subject = checkString(
      a.subject,
      `amendments[${i}].subject`,
      SUBJECT,
      'a subject such as staff:S007',
    );
    const reason = checkString(a.reason, `amendments[${i}].reason`);
    if (reason.trim() === '') throw unprocessable('invalid-amendments', `amendments[${i}].reason is empty`);
    if (a.grade === undefined && a.points === undefined)
      throw unprocessable('invalid-amendments', `amendments[${i}] gives neither grade nor points`);
    for (const what of ['grade', 'points'] as const) {
      if (a[what] !== undefined && !allowed.includes(what)) {
        throw unprocessable(
          'invalid-amendments',
          `amendments[${i}].${what}: the review of ${kind} amends only ${allowed.join(' and ')}`,
        );
      }
    }
    if (a.points !== undefined && (typeof a.points !== 'number' || !Number.isFinite(a.points)))
      throw unprocessable(
        'invalid-amendments',
        `amendments[${i}].points must be a number (got ${show(a.points)})`,
      );
    const out: Amendment = { subject, reason };
    if (a.grade !== undefined) out.grade = checkString(a.grade, `amendments[${i}].grade`);
    if (a.points !== undefined) out.points = a.points as number;
    return out;
  });
}

/**
 * The facts of the amendments (the caller validates them by the fact contract). Ids carry the round, the step and a
 * nonce: a step that loses a race retracts exactly its own facts.
 */
export function amendmentFacts(
  ruleSet: RuleSet,
  kind: string,
  period: { id: string; start: string },
  amendments: Amendment[],
  where: { round: string; seq: number; today: string },
): Fact[] {
  const rule = ruleSet.rules.find(
    (r) => (r.kind === 'score' || r.kind === 'annual-score') && r.evaluation === kind,
  );
  if (!rule || (rule.kind !== 'score' && rule.kind !== 'annual-score')) return [];
  const decision = rule.decision ? ruleSet.rulesById.get(rule.decision) : undefined;
  const adjustments = rule.kind === 'annual-score' ? rule.adjustments : undefined;
  const nonce = randomBytes(3).toString('hex');
  const facts: Fact[] = [];
  amendments.forEach((a, i) => {
    const [, subjectKind, subjectId] = SUBJECT.exec(a.subject) as RegExpExecArray;
    const base = {
      subject: { kind: subjectKind, id: subjectId } as Fact['subject'],
      occurredOn: where.today,
    };
    const id = `amend-${where.round}-${where.seq}-${nonce}-${i}`;
    if (a.grade !== undefined && decision?.kind === 'decision') {
      facts.push({
        ...base,
        id: `${id}-grade`,
        type: decision.factType,
        data: { [decision.periodField]: period.id, [decision.gradeField]: a.grade, reason: a.reason },
      } as Fact);
    }
    if (a.points !== undefined && adjustments) {
      facts.push({
        ...base,
        id: `${id}-points`,
        type: adjustments.factType,
        data: {
          points: a.points,
          reason: a.reason,
          [adjustments.yearField]: Number(period.start.slice(0, 4)),
        },
      } as Fact);
    }
  });
  return facts;
}

/** Retractions of facts a step stored before it lost the race to another step. */
export function retractionsOf(facts: Fact[], today: string, reason: string): Fact[] {
  return facts.map((f) => ({
    id: `${f.id}-void`,
    type: 'retraction',
    subject: f.subject,
    occurredOn: today,
    data: { retracts: f.id, reason },
  })) as Fact[];
}
