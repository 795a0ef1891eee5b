// API keys and their roles, from API_KEYS_FILE (JSON) and/or KAOHE_API_KEYS ("role:key,role:key").
// Problems are collected, never thrown, so that start-up can report every one at once; a message
// never repeats a key in full (it would end up in logs).
import { readFileSync } from 'node:fs';

// inspector = 督查部 (proposes and publishes notices), assessment-group = 考核小组 (reviews, determines).
export const ROLES = ['integrator', 'officer', 'auditor', 'inspector', 'assessment-group'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  key: string;
  role: Role;
  name: string;
}

const MIN_KEY_LENGTH = 16;
const KEY_FORM = /^[\x21-\x7e]+$/; // visible ASCII: safe in a header, no whitespace to trim away

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** "abcd…" — enough to find the key in a file, too little to use it. */
export function redact(key: string): string {
  return `${key.slice(0, 4)}… (${key.length} chars)`;
}

function checkKey(key: unknown, where: string, problems: string[]): key is string {
  if (typeof key !== 'string' || !KEY_FORM.test(key) || key.length < MIN_KEY_LENGTH || key.includes(',')) {
    const got = typeof key === 'string' ? redact(key) : JSON.stringify(key);
    problems.push(
      `${where}: a key must be at least ${MIN_KEY_LENGTH} visible ASCII characters without spaces or commas (got ${got})`,
    );
    return false;
  }
  return true;
}

export function keysFromFile(path: string, problems: string[]): ApiKey[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`API_KEYS_FILE=${path}: cannot read it as JSON (${(error as Error).message})`);
    return [];
  }
  const list = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) {
    problems.push(
      `API_KEYS_FILE=${path}: expected {"keys": [{"key": "...", "role": "${ROLES.join('|')}", "name": "..."}]}`,
    );
    return [];
  }
  const out: ApiKey[] = [];
  list.forEach((entry: unknown, i) => {
    const where = `API_KEYS_FILE=${path}: keys[${i}]`;
    const { key, role, name } = (entry ?? {}) as Record<string, unknown>;
    const extra = Object.keys((entry ?? {}) as object).filter((k) => !['key', 'role', 'name'].includes(k));
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: expected an object {"key", "role", "name"}`);
      return;
    }
    if (extra.length > 0)
      problems.push(`${where}: unknown field(s) ${extra.join(', ')}; expected key, role, name`);
    const keyOk = checkKey(key, where, problems);
    if (!isRole(role))
      problems.push(`${where}: role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})`);
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push(
        `${where}: name must be a non-empty string saying whose key it is (got ${JSON.stringify(name)})`,
      );
    }
    if (keyOk && isRole(role) && typeof name === 'string' && name.trim() !== '')
      out.push({ key, role, name });
  });
  return out;
}

export function keysFromList(value: string, problems: string[]): ApiKey[] {
  const out: ApiKey[] = [];
  value.split(',').forEach((item, i) => {
    const where = `KAOHE_API_KEYS: entry ${i + 1}`;
    const colon = item.indexOf(':');
    const role = colon < 0 ? '' : item.slice(0, colon).trim();
    const key = colon < 0 ? '' : item.slice(colon + 1).trim();
    if (colon < 0) {
      problems.push(`${where}: expected role:key with role one of ${ROLES.join(', ')} (got no ":")`);
      return;
    }
    if (!isRole(role)) {
      problems.push(`${where}: role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})`);
      return;
    }
    if (checkKey(key, where, problems)) out.push({ key, role, name: `KAOHE_API_KEYS[${i + 1}] (${role})` });
  });
  return out;
}

/** The same key listed twice would make its role ambiguous. */
export function checkDistinct(keys: ApiKey[], problems: string[]): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.key)) problems.push(`API keys: key ${redact(k.key)} is listed more than once`);
    seen.add(k.key);
  }
}
