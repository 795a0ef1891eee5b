// The fact envelope of docs/facts.md, as the engine and the stores see it.
// Validation lives in schemas/ (JSON Schema); these types only describe already-valid data.

export type SubjectKind = 'staff' | 'window' | 'department';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['staff', 'window', 'department'];

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

/** A fact as posted by an integrator (no recordedAt). */
export interface Fact {
  id: string;
  type: string;
  subject: SubjectRef;
  occurredOn: string; // YYYY-MM-DD, Asia/Shanghai local date
  occurredAt?: string;
  source?: string;
  data: Record<string, unknown>;
}

/**
 * A fact as stored: `recordedAt` is transaction time (RFC 3339, ms); `seq` orders facts that share
 * one recordedAt (position within a batch, then later batches get larger values).
 */
export interface StoredFact extends Fact {
  recordedAt: string;
  seq?: number;
}

export function subjectKey(subject: SubjectRef): string {
  return `${subject.kind}:${subject.id}`;
}
