// The policy officer's pages as data: the rule set read as the measures read (provision → rules →
// parameters with their dated history → rule tests), two versions compared, and a draft checked
// (file:line:col errors beside its text, rule tests, impact) before it is published. Everything
// comes from the service, as the API answers it; nothing here decides.
import type { KaoheService } from '../service/kaohe-service.js';
import type { RuleTestReport } from '../service/rule-tests.js';

type Ruleset = Awaited<ReturnType<KaoheService['rulesetByHash']>>;
type Rule = Ruleset['rules'][number];
type Parameter = Ruleset['parameters'][string];

export interface ProvisionRow {
  id: string;
  zh: string;
  en: string;
  rules: string[];
  tests: number;
}

/** The versions published, newest first, with the one a page shows (default: in force today). */
export async function versionChoice(service: KaoheService, ref?: string) {
  const { rulesets } = await service.listRulesets();
  const shown = ref
    ? await service.rulesetByHash(await hashOf(service, ref))
    : await service.currentRuleset();
  return {
    versions: [...rulesets].reverse(),
    shown: { version: shown.version, hash: shown.hash, effective: shown.effective },
  };
}

async function hashOf(service: KaoheService, ref: string): Promise<string> {
  const { ruleset } = await service.provisions(ref); // resolves a version string or a hash (404 otherwise)
  return ruleset.hash;
}

const testsByRule = (report: RuleTestReport) => {
  const map = new Map<string, RuleTestReport['cases']>();
  for (const c of report.cases) for (const r of c.rules) map.set(r, [...(map.get(r) ?? []), c]);
  return map;
};

/** Every provision with the rules encoding it and how many rule-test cases exercise those rules. */
export async function provisionsPage(service: KaoheService, ref?: string) {
  const choice = await versionChoice(service, ref);
  const { provisions } = await service.provisions(choice.shown.hash);
  const byRule = testsByRule(await service.ruleTests(choice.shown.hash));
  const rows: ProvisionRow[] = provisions.map((p) => ({
    ...p,
    tests: new Set(p.rules.flatMap((r) => (byRule.get(r) ?? []).map((c) => c.at))).size,
  }));
  return { ...choice, provisions: rows };
}

/** Parameter names a rule refers to: every string in it that names a parameter of its rule set. */
export function parametersNamed(rule: Rule, parameters: Ruleset['parameters']): string[] {
  const names = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (key !== 'id' && key !== 'title' && key !== 'text' && Object.hasOwn(parameters, value))
        names.add(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
  };
  walk(rule, '');
  return [...names].sort();
}

export interface ParameterView {
  name: string;
  zh: string;
  en: string;
  unit?: string;
  /** Dated values, oldest first; `current` marks the one in force on the day asked. */
  values: { from: string; value: string; current: boolean }[];
  /** Why it is shown: named by a rule of the provision, or citing the provision itself. */
  via: string[];
}

function parameterView(name: string, p: Parameter, today: string, via: string[]): ParameterView {
  const inForce = p.values.filter((v) => v.from <= today).at(-1);
  return {
    name,
    zh: p.title.zh,
    en: p.title.en,
    unit: p.unit,
    values: p.values.map((v) => ({ from: v.from, value: String(v.value), current: v === inForce })),
    via,
  };
}

/** One provision: its text, the rules that encode it, their parameters' histories, the tests. */
export async function provisionPage(
  service: KaoheService,
  id: string,
  ref: string | undefined,
  today: string,
) {
  const choice = await versionChoice(service, ref);
  const ruleset = await service.rulesetByHash(choice.shown.hash);
  const { provisions } = await service.provisions(choice.shown.hash);
  const provision = provisions.find((p) => p.id === id);
  if (!provision) return null;
  const rules = ruleset.rules.filter((r) => r.provisions.includes(id));
  const via = new Map<string, string[]>();
  for (const rule of rules)
    for (const name of parametersNamed(rule, ruleset.parameters))
      via.set(name, [...(via.get(name) ?? []), rule.id]);
  for (const [name, p] of Object.entries(ruleset.parameters))
    if (p.provisions.includes(id)) via.set(name, [...(via.get(name) ?? []), id]);
  const parameters = [...via.keys()]
    .sort()
    .map((name) => parameterView(name, ruleset.parameters[name] as Parameter, today, via.get(name) ?? []));
  const report = await service.ruleTests(choice.shown.hash);
  const byRule = testsByRule(report);
  const tests = [
    ...new Map(rules.flatMap((r) => byRule.get(r.id) ?? []).map((c) => [c.at, c])).values(),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  return {
    ...choice,
    provision,
    rules: rules.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      text: r.text,
      parameters: parametersNamed(r, ruleset.parameters),
      tests: (byRule.get(r.id) ?? []).length,
    })),
    parameters,
    tests,
    testsDir: report.dir,
  };
}

/** Two published versions compared (definitions, and one kind and period over the stored facts). */
export async function comparePage(
  service: KaoheService,
  query: { current?: string; revision?: string; kind?: string; period?: string },
) {
  const { rulesets } = await service.listRulesets();
  const kinds = (await service.describeInForce())?.evaluations.map((e) => e.kind) ?? [];
  const versions = [...rulesets].reverse();
  if (!query.current || !query.revision) return { versions, kinds, query, report: null };
  const body: Record<string, string> = { current: query.current, revision: query.revision };
  if (query.kind && query.period) Object.assign(body, { kind: query.kind, period: query.period });
  return { versions, kinds, query, report: await service.compareVersions(body) };
}
