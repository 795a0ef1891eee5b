// Fact validation for POST /v1/facts and /v1/verdicts: the schema, plus the few rules JSON Schema
// cannot say (a comparison between two fields, and rules across the facts of one batch).
import { canonicalJson } from '../explain/canonical.js';
import { extendedFactValidator } from './fact-extension.js';
import { formatAjvErrors, type SchemaError } from './format.js';
import { getValidator } from './loader.js';
import { type VocabularyOn, vocabularyErrors } from './vocabulary.js';

export type FactError = SchemaError;

/** One problem of one fact of a batch, as docs/api.md's 422 `details` entry. */
export interface BatchFactError extends FactError {
  index: number;
  id: string | null;
}

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

/** The schema, then (for a valid fact, when given) the codes of the rule set in force on its date. */
export function validateFact(value: unknown, vocabulary?: VocabularyOn): FactError[] {
  const date = asObject(value)?.occurredOn;
  // The contract as extended by the rule set in force on the fact's day (declared types, optional fields).
  const validate =
    vocabulary && typeof date === 'string'
      ? extendedFactValidator(vocabulary(date).contract)
      : getValidator('fact');
  const errors = validate(value) ? [] : formatAjvErrors(validate.errors, { root: 'fact' });
  if (errors.length === 0 && vocabulary) errors.push(...vocabularyErrors(value, vocabulary));
  const cross = crossFieldErrors(value);
  return cross.length === 0 ? errors : [...errors, ...cross];
}

function crossFieldErrors(value: unknown): FactError[] {
  const fact = asObject(value);
  const data = asObject(fact?.data);
  if (fact?.type === 'online-share' && typeof data?.online === 'number' && typeof data.total === 'number') {
    if (data.online > data.total) {
      return [
        {
          path: '/data/online',
          message: `data.online: must not exceed data.total (got ${data.online} online of ${data.total})`,
        },
      ];
    }
  }
  return [];
}

/**
 * Validates the facts of one batch: each fact, then one id with two contents, and a retraction
 * whose target in the same batch is itself a retraction. Errors are ordered by index.
 */
export function validateFactBatch(values: readonly unknown[], vocabulary?: VocabularyOn): BatchFactError[] {
  const out: BatchFactError[] = [];
  // Canonical JSON is computed only for ids that repeat: most batches have none, and it costs
  // more than the schema check itself.
  const firstById = new Map<string, { index: number; value: unknown; canonical?: string; type: unknown }>();
  values.forEach((value, index) => {
    const fact = asObject(value);
    const id = typeof fact?.id === 'string' ? fact.id : null;
    for (const e of validateFact(value, vocabulary)) out.push({ index, id, ...e });
    if (id === null) return;
    const first = firstById.get(id);
    if (!first) {
      firstById.set(id, { index, value, type: fact?.type });
      return;
    }
    first.canonical ??= canonicalJson(first.value);
    if (first.canonical !== canonicalJson(value)) {
      out.push({
        index,
        id,
        path: '/id',
        message: `id: "${id}" is used by fact ${first.index} of this batch with different content`,
      });
    }
  });
  values.forEach((value, index) => {
    const fact = asObject(value);
    const target = asObject(fact?.data)?.retracts;
    if (fact?.type !== 'retraction' || typeof target !== 'string') return;
    const retracted = firstById.get(target);
    if (retracted?.type !== 'retraction') return;
    out.push({
      index,
      id: typeof fact.id === 'string' ? fact.id : null,
      path: '/data/retracts',
      message:
        `data.retracts: "${target}" is a retraction (fact ${retracted.index} of this batch) and cannot be ` +
        'retracted; to reinstate a fact, post it again under a new id',
    });
  });
  return out.sort((a, b) => a.index - b.index);
}

export { canonicalJson };
