// Rule source → RuleSet, or every error at once as file:line:col. Never throws on bad input.
import type { DeclaredFactType } from '../schemas/fact-extension.js';
import { formatAjvErrors } from '../schemas/format.js';
import { getValidator } from '../schemas/loader.js';
import { semanticChecks } from './checks.js';
import type { Collected, Located } from './collected.js';
import { type RuleError, sortRuleErrors } from './errors.js';
import { type ParsedFile, parseYamlFile, pointer } from './parse.js';
import { hashOfContent } from './published.js';
import type { RuleSource } from './source.js';
import type {
  FindingCode,
  Manifest,
  Parameter,
  Provision,
  Rule,
  RuleSet,
  Scalar,
  SourceRef,
} from './types.js';

const FILE_KINDS: Record<string, string> = {
  ruleset: 'ruleset',
  provisions: 'provisions',
  parameters: 'parameters',
  'finding-codes': 'finding-codes',
  'fact-types': 'fact-types',
  rules: 'rules-file',
};
const SINGLETONS = ['ruleset', 'provisions', 'parameters', 'finding-codes'];
/** At most one file of these kinds, and none is needed. */
const OPTIONAL_SINGLETONS = ['fact-types'];
/** Semantic findings that something is absent, and the file kinds that may define it: while such a
 * file is broken or missing, they are held back (they are checked once it loads). */
const DEFINED_IN: Record<string, readonly string[]> = {
  'unknown-provision': ['provisions'],
  'unknown-parameter': ['parameters'],
  'unknown-code': ['finding-codes'],
  'code-missing': ['finding-codes'],
  'unknown-fact-type': ['fact-types'],
  'unknown-field': ['fact-types'],
  'unknown-evaluation': ['rules'],
  'value-not-interpretable': ['rules'],
  'unknown-measure': ['rules'],
  'unknown-rule': ['rules'],
  'not-in-report': ['rules'],
  'section-missing': ['rules'],
  'verdict-without-conditions': ['rules'],
  // An evaluation a parameter or streak names may be one a broken rules file defines.
  'streak-evaluation': ['rules'],
  'latest-result-evaluation': ['rules'],
  'uncovered-provision': ['rules', 'ruleset'],
  'unknown-tag': ['ruleset'],
  'no-roster': ['ruleset'],
  'rollup-roster': ['ruleset'],
};

export interface LoadResult {
  ruleSet: RuleSet | null;
  errors: RuleError[];
}

export function loadRuleSet(source: RuleSource): LoadResult {
  try {
    return load(source);
  } catch (error) {
    // A bug in a check must not crash `kaohe lint`; it is reported like any other problem.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ruleSet: null,
      errors: [
        {
          file: source.displayDir,
          line: 1,
          col: 1,
          code: 'internal',
          message: `internal error while loading: ${message}`,
        },
      ],
    };
  }
}

function load(source: RuleSource): LoadResult {
  const errors: RuleError[] = [];
  const collected: Collected = {
    provisions: [],
    parameters: [],
    findingCodes: [],
    factTypes: [],
    rules: [],
    files: new Map(),
  };
  const seenKinds = new Map<string, ParsedFile>();
  /** Kinds of the files that did not load ('*' when a broken file's kind is unknown). */
  const broken = new Set<string>();
  const dirError = (code: string, message: string) =>
    errors.push({ file: `${source.displayDir}/`, line: 1, col: 1, code, message });

  if (source.files.length === 0) dirError('no-rule-files', 'no .yaml rule files in this directory');
  for (const { path, text } of source.files) {
    const display = `${source.displayDir}/${path}`;
    // Invalid UTF-8 was decoded to U+FFFD (and NUL is no text either): a binary or wrongly encoded file.
    const junk = [text.indexOf('\uFFFD'), text.indexOf('\0')].filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (junk !== undefined) {
      const before = text.slice(0, junk).split('\n');
      const col = (before[before.length - 1]?.length ?? 0) + 1;
      errors.push({
        file: display,
        line: before.length,
        col,
        code: 'not-text',
        message: 'not a UTF-8 text file (binary data or another encoding); rule files are UTF-8 YAML',
      });
      broken.add('*');
      continue;
    }
    const { file, errors: syntax } = parseYamlFile(path, display, text);
    collected.files.set(path, file);
    errors.push(...syntax);
    if (syntax.length > 0) {
      // A broken file that says which kind it is must not also be reported as missing.
      const said = /^kind:[ \t]*["']?([\w-]+)/m.exec(text)?.[1];
      if (said && SINGLETONS.includes(said) && !seenKinds.has(said)) seenKinds.set(said, file);
      broken.add(said ?? '*');
      continue;
    }
    const data = file.data as { kind?: unknown } | null;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      const got = data === null ? 'an empty file' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
      errors.push(
        file.error(
          '',
          'not-a-mapping',
          `a rule file must be a YAML mapping starting with kind: (${Object.keys(FILE_KINDS).join(', ')}); this is ${got}`,
        ),
      );
      broken.add('*');
      continue;
    }
    const kind = data.kind;
    const schema = typeof kind === 'string' ? FILE_KINDS[kind] : undefined;
    if (!schema) {
      errors.push(
        file.error(
          'kind' in data ? '/kind' : '',
          'unknown-file-kind',
          `kind must be one of ${Object.keys(FILE_KINDS).join(', ')} (got ${JSON.stringify(kind ?? null)})`,
        ),
      );
      broken.add('*');
      continue;
    }
    if (SINGLETONS.includes(kind as string) || OPTIONAL_SINGLETONS.includes(kind as string)) {
      const first = seenKinds.get(kind as string);
      if (first) {
        errors.push(
          file.error(
            '/kind',
            'duplicate-file-kind',
            `a rule set has one file of kind ${String(kind)}; ${first.display} is one already`,
          ),
        );
        continue;
      }
      seenKinds.set(kind as string, file);
    }
    const validate = getValidator(schema);
    if (!validate(data)) {
      // A bad key (propertyNames, e.g. a date "2018-13-01" in a history) is reported at that key,
      // once, rather than at its object and again as "property name must be valid".
      const keyPaths = new Set<string>();
      const ajvErrors = (validate.errors ?? [])
        .filter((e) => e.keyword !== 'propertyNames')
        .map((e) => {
          if (e.propertyName === undefined) return e;
          const instancePath = `${e.instancePath}${pointer(e.propertyName)}`;
          keyPaths.add(instancePath);
          return { ...e, instancePath };
        });
      // "must be a string (got 3)" alone does not say a parameter name is wanted: add what the field holds.
      const expected = new Map<string, string>();
      for (const e of ajvErrors) {
        const why = (e.parentSchema as { description?: unknown } | undefined)?.description;
        if (e.keyword === 'type' && typeof why === 'string') expected.set(e.instancePath, why);
      }
      for (const e of formatAjvErrors(ajvErrors, { root: String(kind) })) {
        const isKey = /unknown|not allowed|additional/i.test(e.message) || keyPaths.has(e.path);
        const why = expected.get(e.path);
        const message =
          why && /: must be /.test(e.message)
            ? `${e.message}; expected ${why[0]?.toLowerCase()}${why.slice(1)}`
            : e.message;
        errors.push(file.error(e.path, 'schema', message, isKey));
      }
      broken.add(kind as string);
      continue;
    }
    collect(kind as string, file, collected);
  }
  for (const kind of SINGLETONS) {
    if (!seenKinds.has(kind) && source.files.length > 0) {
      dirError('missing-file', `missing a file with kind: ${kind}`);
      broken.add(kind);
    }
  }
  // Every problem of every file at once: a file that fails to parse or its schema does not hide the
  // semantic problems of the others; only findings that what a broken file may define is absent wait.
  const mayFollow = (code: string) => {
    const definedIn = DEFINED_IN[code];
    return definedIn !== undefined && (broken.has('*') || definedIn.some((kind) => broken.has(kind)));
  };
  errors.push(...semanticChecks(collected).filter((e) => !mayFollow(e.code)));
  if (errors.length > 0 || !collected.manifest) return { ruleSet: null, errors: sortRuleErrors(errors) };
  return { ruleSet: assemble(collected, source), errors: [] };
}

function collect(kind: string, file: ParsedFile, c: Collected): void {
  const data = file.data as Record<string, unknown>;
  if (kind === 'ruleset') c.manifest = { value: data as unknown as Manifest, file, pointer: '' };
  if (kind === 'provisions') {
    for (const [i, p] of (data.provisions as Provision[]).entries()) {
      c.provisions.push({ value: p, file, pointer: pointer('provisions', i) });
    }
  }
  if (kind === 'finding-codes') {
    for (const [code, v] of Object.entries(data.codes as Record<string, Omit<FindingCode, 'code'>>)) {
      c.findingCodes.push({ value: { code, ...v }, file, pointer: pointer('codes', code) });
    }
  }
  if (kind === 'fact-types') {
    for (const [name, v] of Object.entries(data.types as Record<string, Omit<DeclaredFactType, 'name'>>))
      c.factTypes.push({ value: { name, ...v }, file, pointer: pointer('types', name) });
  }
  if (kind === 'parameters') {
    for (const [name, raw] of Object.entries(data.parameters as Record<string, Record<string, unknown>>)) {
      const rawValues = raw.values as Record<string, Scalar>;
      const values = Object.entries(rawValues).map(([from, value]) => ({ from, value }));
      const param = { ...(raw as unknown as Parameter), name, values, rawValues };
      c.parameters.push({ value: param, file, pointer: pointer('parameters', name) });
    }
  }
  if (kind === 'rules') {
    for (const [i, r] of (data.rules as Rule[]).entries())
      c.rules.push({ value: r, file, pointer: pointer('rules', i) });
  }
}

function assemble(c: Collected, source: RuleSource): RuleSet {
  const manifest = (c.manifest as Located<Manifest>).value;
  const provisions = new Map(c.provisions.map((p) => [p.value.id, p.value]));
  const parameters = new Map<string, Parameter>(
    c.parameters
      .map((p): [string, Parameter] => {
        const { rawValues: _raw, ...param } = p.value;
        return [param.name, param];
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const findingCodes = new Map(c.findingCodes.map((f) => [f.value.code, f.value]));
  const factTypes = new Map(
    c.factTypes
      .map((t): [string, DeclaredFactType] => [t.value.name, t.value])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const located = [...c.rules].sort((a, b) => (a.value.id < b.value.id ? -1 : 1));
  const rules = located.map((r) => r.value);
  const sources = new Map<string, SourceRef>(
    located.map((r) => {
      const p = r.file.position(r.pointer);
      return [r.value.id, { file: r.file.path, line: p.line, col: p.col }];
    }),
  );
  const hash = hashOfContent({
    manifest,
    provisions: provisions.values(),
    parameters: parameters.values(),
    findingCodes: findingCodes.values(),
    factTypes: factTypes.values(),
    rules,
  });
  const files = Object.fromEntries(source.files.map((f) => [f.path, f.text]));
  return {
    manifest,
    provisions,
    parameters,
    findingCodes,
    ...(factTypes.size > 0 ? { factTypes } : {}),
    rules,
    rulesById: new Map(rules.map((r) => [r.id, r])),
    sources,
    hash,
    files,
  };
}
