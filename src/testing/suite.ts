// Loading rule-test files (YAML, kind: rule-tests) with positions, into runnable cases.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, SubjectKind } from '../model/fact.js';
import type { RuleError } from '../rules/errors.js';
import { type ParsedFile, parseYamlFile, pointer } from '../rules/parse.js';
import type { RuleSet, Scalar } from '../rules/types.js';
import { formatAjvErrors } from '../schemas/format.js';
import { getValidator } from '../schemas/loader.js';

export interface ExpectedResult {
  score?: number;
  rank?: number;
  bottomGroup?: boolean;
  topGroup?: boolean;
  /** explanation fields that must be there, each compared as a whole */
  explanation?: Record<string, unknown>;
  tier?: string | { id?: string; label?: string; decided?: boolean; proposed?: string };
  items?: Record<string, unknown>[];
  noItems?: string[];
}

export interface TestCase {
  name: string;
  file: ParsedFile;
  pointer: string;
  provisions: string[];
  parameters: Record<string, Scalar>;
  facts: Fact[];
  evaluate?: { kind: string; period: string };
  verdict?: { id: string; subject: string; date: string };
  expect: {
    results?: Record<string, ExpectedResult>;
    absent?: string[];
    count?: number;
    order?: string[];
    met?: boolean;
    conditions?: Record<string, boolean>;
    evidence?: Record<string, Record<string, unknown>>;
    error?: string;
  };
}

type Roster = Record<string, Record<string, Record<string, unknown>>>;
interface RawFact extends Omit<Fact, 'id' | 'subject' | 'data'> {
  id?: string;
  subject: string | Fact['subject'];
  data?: Record<string, unknown>;
}
interface RawCase {
  name: string;
  provisions?: string[];
  parameters?: Record<string, Scalar>;
  roster?: Roster;
  facts?: RawFact[];
  evaluate?: TestCase['evaluate'];
  verdict?: TestCase['verdict'];
  expect: TestCase['expect'];
}
interface RawFile {
  kind: 'rule-tests';
  roster?: Roster;
  defaults?: Record<string, Record<string, unknown>>;
  facts?: RawFact[];
  cases: RawCase[];
}

export function findTestFiles(target: string): string[] {
  if (statSync(target).isFile()) return [target];
  const out: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const full = join(target, entry.name);
    if (entry.isDirectory()) out.push(...findTestFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

export function loadTestFile(path: string, ruleSet: RuleSet): { cases: TestCase[]; errors: RuleError[] } {
  const { file, errors } = parseYamlFile(path, path, readFileSync(path, 'utf8'));
  if (errors.length > 0) return { cases: [], errors };
  const validate = getValidator('rule-tests');
  if (!validate(file.data)) {
    return {
      cases: [],
      errors: formatAjvErrors(validate.errors, { root: 'tests' }).map((e) =>
        file.error(e.path, 'schema', e.message),
      ),
    };
  }
  const raw = file.data as RawFile;
  const cases = raw.cases.map((c, i): TestCase => {
    const roster = mergeRoster(raw.roster, c.roster);
    const facts = [
      ...rosterFacts(roster, raw.defaults ?? {}, ruleSet),
      ...(raw.facts ?? []).map((f, j) => normaliseFact(f, `shared-${j + 1}`)),
      ...(c.facts ?? []).map((f, j) => normaliseFact(f, `c${i + 1}-${j + 1}`)),
    ];
    return {
      name: c.name,
      file,
      pointer: pointer('cases', i),
      provisions: c.provisions ?? [],
      parameters: c.parameters ?? {},
      facts,
      evaluate: c.evaluate,
      verdict: c.verdict,
      expect: c.expect,
    };
  });
  return { cases, errors: [] };
}

function mergeRoster(a: Roster | undefined, b: Roster | undefined): Roster {
  const out: Roster = {};
  for (const r of [a ?? {}, b ?? {}])
    for (const [kind, subjects] of Object.entries(r)) out[kind] = { ...out[kind], ...subjects };
  return out;
}

function rosterFacts(
  roster: Roster,
  defaults: Record<string, Record<string, unknown>>,
  ruleSet: RuleSet,
): Fact[] {
  const facts: Fact[] = [];
  for (const [kind, subjects] of Object.entries(roster)) {
    const spec = ruleSet.manifest.scope.rosters[kind as SubjectKind];
    if (!spec) continue;
    for (const [id, entry] of Object.entries(subjects)) {
      const { occurredOn, ...data } = { ...defaults[kind], ...entry } as Record<string, unknown>;
      const start = spec.from ? data[spec.from] : undefined;
      facts.push({
        id: `roster-${kind}-${id}`,
        type: spec.factType,
        subject: { kind: kind as SubjectKind, id },
        occurredOn: String(occurredOn ?? start ?? ruleSet.manifest.effective.from),
        data,
      });
    }
  }
  return facts;
}

function normaliseFact(raw: RawFact, fallbackId: string): Fact {
  const subject = typeof raw.subject === 'string' ? parseSubject(raw.subject) : raw.subject;
  const fact: Fact & { recordedAt?: string } = {
    ...raw,
    id: raw.id ?? fallbackId,
    subject,
    data: raw.data ?? {},
  } as Fact;
  return fact;
}

export function parseSubject(ref: string): Fact['subject'] {
  const at = ref.indexOf(':');
  return { kind: ref.slice(0, at) as SubjectKind, id: ref.slice(at + 1) };
}
