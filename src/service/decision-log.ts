// The decision log: every verdict answered (GET and POST /v1/verdicts) with who asked, the
// question, the rule set and the answer. Records are written in groups (one store call for all
// the verdicts answered while the previous write was under way); each request awaits its own
// record, so an answer is never sent before its decision is stored.

import type { Logger } from '../log/logger.js';
import type { DecisionRecord, Store } from '../store/port.js';
import { invalid } from './errors.js';
import { evaluationId } from './ids.js';

export interface Asker {
  name: string;
  role: string;
}

interface Pending {
  record: DecisionRecord;
  done: (error?: unknown) => void;
}

export class DecisionLog {
  private pending: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** Stores one decision (grouped with others answered meanwhile). */
  record(at: Date, by: Asker, entry: { subject?: string } & Record<string, unknown>): Promise<void> {
    const record: DecisionRecord = {
      id: evaluationId(at).replace(/^ev-/, 'dc-'),
      at: at.toISOString(),
      by,
      ...entry,
    };
    return new Promise((resolve, reject) => {
      this.pending.push({ record, done: (error) => (error ? reject(error) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    await Promise.resolve(); // let the verdicts answered in this turn join the group
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      try {
        await this.store.decisions.append(group.map((p) => p.record));
        for (const p of group) p.done();
      } catch (error) {
        this.logger.error({ err: error, decisions: group.length }, 'decision log write failed');
        for (const p of group) p.done(error);
      }
    }
    this.writing = null;
  }

  /** Waits for the decisions in flight (before the store closes). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SUBJECT = /^(staff|window|department):[\p{L}\p{N}._-]{1,64}$/u;

export async function queryDecisions(
  store: Store,
  q: { subject?: string; from?: string; to?: string; limit?: number; cursor?: string },
) {
  if (q.subject !== undefined && !SUBJECT.test(q.subject))
    throw invalid(
      'invalid-parameter',
      `subject must look like staff:S007 (got ${JSON.stringify(q.subject)})`,
    );
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v !== undefined && !DATE.test(v))
      throw invalid('invalid-parameter', `${key} must be a date YYYY-MM-DD`);
  }
  return store.decisions.query({
    subject: q.subject,
    from: q.from,
    to: q.to,
    limit: q.limit ?? 1000,
    cursor: q.cursor ?? null,
  });
}

/** The answer of a verdict body, for the log: its yes/no value and the conditions met. */
export function verdictAnswer(body: Record<string, unknown>) {
  const value = Object.entries(body).find(([k, v]) => typeof v === 'boolean' && k !== 'met')?.[1];
  const conditions = Array.isArray(body.conditions) ? (body.conditions as Record<string, unknown>[]) : [];
  return {
    value,
    conditionsMet: conditions
      .filter((c) => c.met === true)
      .map((c) => ({ provision: c.provision, rule: c.rule })),
  };
}
