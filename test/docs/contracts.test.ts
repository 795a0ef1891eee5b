// docs/ is the contract integrators, officers and auditors read: these tests keep its tables equal to
// what the service accepts (schemas/), what the rules hold (rules/) and the routes it answers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROLES } from '../../src/config/api-keys.js';
import { ROUTES } from '../../src/http/access.js';
import { parseFactsMd } from '../examples/contract.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** The cells of the table rows of a markdown text whose first cell is a `code` span. */
function rows(md: string): string[][] {
  return md
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

describe('docs/facts.md', () => {
  const schema = JSON.parse(read('schemas/fact.schema.json')) as {
    properties: { type: { enum: string[] } };
  };
  const doc = parseFactsMd(read('docs/facts.md'));

  it('lists exactly the fact types of schemas/fact.schema.json', () => {
    expect([...doc.types].sort()).toEqual([...schema.properties.type.enum].sort());
  });

  it('lists exactly the finding codes of rules/finding-codes.yaml, with their provision and subject', () => {
    const shipped = (
      parse(read('rules/finding-codes.yaml')) as {
        codes: Record<string, { provision: string; subject: string }>;
      }
    ).codes;
    const table = read('docs/facts.md').split('## Finding codes')[1] ?? '';
    const documented: Record<string, string> = {};
    for (const [codes = '', provision = '', subject = ''] of rows(table))
      for (const m of codes.matchAll(/`([a-z-]+)`/g)) documented[m[1] as string] = `${provision} ${subject}`;
    expect(documented).toEqual(
      Object.fromEntries(Object.entries(shipped).map(([code, v]) => [code, `${v.provision} ${v.subject}`])),
    );
  });
});

describe('docs/parameters.md', () => {
  it('lists every parameter of rules/parameters.yaml once, with its dated values', () => {
    const shipped = (
      parse(read('rules/parameters.yaml')) as {
        parameters: Record<string, { values: Record<string, unknown> }>;
      }
    ).parameters;
    const table = read('docs/parameters.md').split('## Every parameter')[1] ?? '';
    const documented = rows(table).map(([name = '', values = '']) => [name.replaceAll('`', ''), values]);
    expect(documented.map(([name]) => name).sort()).toEqual(Object.keys(shipped).sort());
    for (const [name = '', values] of documented) {
      const expected = Object.entries(shipped[name]?.values ?? {})
        .map(([from, value]) => `${String(value)} (from ${from})`)
        .join('; ');
      expect(values, name).toBe(expected);
    }
  });
});

describe('docs/api.md', () => {
  it('lists exactly the routes the service answers, with their roles', () => {
    const table = read('docs/api.md').split('## Routes')[1]?.split('\n## ')[0] ?? '';
    const documented = rows(table).map(([route = '', roles = '']) => `${route.replaceAll('`', '')} ${roles}`);
    const served = ROUTES.map((r) => {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const roles =
        r.access === 'public' ? 'public' : r.access.length === ROLES.length ? 'all' : r.access.join(', ');
      return `${r.method.toUpperCase()} ${path} ${roles}`;
    });
    expect(documented.sort()).toEqual(served.sort());
  });
});
