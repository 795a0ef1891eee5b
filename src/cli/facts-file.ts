// Reading facts from an NDJSON file (one fact a line), validated like POST /v1/facts. A line may
// carry recordedAt (an export from the store); it orders facts of one day but is not validated.
import { readFileSync } from 'node:fs';
import type { StoredFact } from '../model/fact.js';
import { type VocabularyOn, validateFactBatch } from '../schemas/registry.js';

/** The facts of a file, or null after printing why not (the first 50 problems and their count). */
export function readFactsOrReport(path: string, vocabulary?: VocabularyOn): StoredFact[] | null {
  const { facts, errors } = readFactsFile(path, vocabulary);
  if (errors.length === 0) return facts;
  for (const e of errors.slice(0, 50)) console.error(e);
  console.error(`kaohe: ${errors.length} invalid fact line(s); nothing evaluated`);
  return null;
}

/** With a vocabulary, finding codes are held to the rule set's (as the service does at ingest). */
export function readFactsFile(
  path: string,
  vocabulary?: VocabularyOn,
): { facts: StoredFact[]; errors: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      facts: [],
      errors: [`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`],
    };
  }
  const errors: string[] = [];
  const facts: StoredFact[] = [];
  const posted: unknown[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      const { recordedAt, ...fact } = value;
      posted.push(fact);
      lines.push(i + 1);
      facts.push({
        ...(fact as unknown as StoredFact),
        recordedAt: typeof recordedAt === 'string' ? recordedAt : '',
        seq: facts.length,
      });
    } catch (error) {
      errors.push(`${path}:${i + 1}: not valid JSON: ${(error as Error).message}`);
    }
  });
  for (const e of validateFactBatch(posted, vocabulary))
    errors.push(`${path}:${lines[e.index]}: fact ${e.id ?? ''}: ${e.message}`);
  return { facts, errors };
}
