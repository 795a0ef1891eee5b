// Reading facts from an NDJSON file (one fact a line), validated like POST /v1/facts. A line may
// carry recordedAt (an export from the store); it orders facts of one day but is not validated.
import { readFileSync } from 'node:fs';
import type { StoredFact } from '../model/fact.js';
import { type VocabularyOn, validateFactBatch } from '../schemas/registry.js';

/** The facts of a file, or null after printing why not (the first 50 problems and their count). */
export function readFactsOrReport(path: string, vocabulary?: VocabularyOn): StoredFact[] | null {
  const { facts, errors, unreadable } = readFactsFile(path, vocabulary);
  if (unreadable) {
    console.error(`kaohe: ${unreadable}; nothing evaluated`);
    return null;
  }
  if (errors.length === 0) return facts;
  for (const e of errors.slice(0, 50)) console.error(e);
  console.error(`kaohe: ${errors.length} invalid fact line(s); nothing evaluated`);
  return null;
}

/** Why a file cannot be read, in words (an errno alone says little to a new user). */
export function unreadableFile(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `the facts file ${path} does not exist`;
  if (code === 'EISDIR') return `the facts file ${path} is a directory, not an NDJSON file`;
  if (code === 'EACCES' || code === 'EPERM')
    return `the facts file ${path} cannot be read (permission denied)`;
  return `the facts file ${path} cannot be read: ${(error as Error).message}`;
}

/** With a vocabulary, finding codes are held to the rule set's (as the service does at ingest). */
export function readFactsFile(
  path: string,
  vocabulary?: VocabularyOn,
): { facts: StoredFact[]; errors: string[]; unreadable?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { facts: [], errors: [], unreadable: unreadableFile(path, error) };
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
