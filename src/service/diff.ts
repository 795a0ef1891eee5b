// The differences between a recorded evaluation and its replay, as JSON pointers. Values are
// compared by canonical JSON, so key order and the JSON round trip of the store never count.
import { canonicalJson } from '../explain/canonical.js';

export interface Difference {
  path: string; // JSON pointer into the evaluation, e.g. /results/3/score
  recorded: unknown;
  replayed: unknown;
}

export const MAX_DIFFERENCES = 100;

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function differences(recorded: unknown, replayed: unknown, limit = MAX_DIFFERENCES): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit || canonicalJson(a) === canonicalJson(b)) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}/${i}`);
    } else if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(a[k], b[k], `${path}/${escapeKey(k)}`);
    } else {
      // A missing side is null in the answer (JSON has no undefined).
      out.push({ path, recorded: a ?? null, replayed: b ?? null });
    }
  };
  walk(recorded, replayed, '');
  return out;
}
