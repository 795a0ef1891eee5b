// What GET /v1/rulesets... and GET /v1/provisions show of a published version.
import { todayIn } from '../periods/index.js';
import { contractOf } from '../rules/vocabulary.js';
import type { RulesetRecord } from '../store/port.js';
import type { Deps } from './deps.js';
import { notFound, ServiceError } from './errors.js';

/** The calendar day "today" in the rule set's time zone (the latest version's, UTC before any). */
export async function today(deps: Deps): Promise<string> {
  const latest = deps.catalog.latest();
  const timeZone = latest ? (await deps.catalog.evaluator(latest)).ruleSet.manifest.timeZone : 'UTC';
  return todayIn(timeZone, deps.now());
}

export async function currentRecord(deps: Deps): Promise<RulesetRecord> {
  const date = await today(deps);
  const record = deps.catalog.inForce(date);
  if (!record)
    throw new ServiceError(
      'not-found',
      'no-ruleset-in-force',
      `no published rule set is in force today (${date})`,
    );
  return record;
}

export async function rulesetView(deps: Deps, record: RulesetRecord) {
  const { ruleSet } = await deps.catalog.evaluator(record);
  return {
    version: record.version,
    hash: record.hash,
    effective: record.effective,
    publishedAt: record.publishedAt,
    parameters: Object.fromEntries(ruleSet.parameters),
    rules: ruleSet.rules,
  };
}

export async function rulesetByHash(deps: Deps, hash: string) {
  const record = await deps.catalog.get(hash);
  if (!record) throw notFound('ruleset-not-found', `no published rule set has hash ${hash}`);
  return rulesetView(deps, record);
}

/** Every provision with its text and the rules that encode it (a rule may encode several). */
export async function provisions(deps: Deps, ref?: string) {
  const record = ref === undefined ? await currentRecord(deps) : await deps.catalog.resolve(ref);
  const { ruleSet } = await deps.catalog.evaluator(record);
  const rulesOf = new Map<string, string[]>();
  for (const rule of ruleSet.rules) {
    for (const p of rule.provisions) rulesOf.set(p, [...(rulesOf.get(p) ?? []), rule.id]);
  }
  return {
    ruleset: { version: record.version, hash: record.hash },
    provisions: [...ruleSet.provisions.values()].map((p) => ({
      id: p.id,
      zh: p.zh,
      en: p.en,
      rules: rulesOf.get(p.id) ?? [],
    })),
  };
}

/** The verdicts of the rule set in force today, with the kind of subject each is about. */
export async function verdictsInForce(deps: Deps): Promise<{ id: string; subject: string }[]> {
  const record = await currentRecord(deps).catch(() => deps.catalog.latest());
  if (!record) return [];
  const { ruleSet } = await deps.catalog.evaluator(record);
  return ruleSet.rules.flatMap((r) => (r.kind === 'verdict' ? [{ id: r.id, subject: r.subject }] : []));
}

/** What the OpenAPI document says of the rule set in force today: its kinds and finding codes. */
export async function describeInForce(deps: Deps) {
  const record = await currentRecord(deps).catch(() => deps.catalog.latest());
  if (!record) return null;
  const evaluator = await deps.catalog.evaluator(record);
  return {
    version: record.version,
    hash: record.hash,
    evaluations: evaluator.kinds(),
    findingCodes: [...evaluator.ruleSet.findingCodes.values()]
      .map(({ code, subject, provision, zh, en }) => ({ code, subject, provision, zh, en }))
      .sort((a, b) => (a.code < b.code ? -1 : 1)),
    contract: contractOf(evaluator.ruleSet),
  };
}
