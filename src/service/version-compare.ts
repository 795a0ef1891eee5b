// Two published versions side by side (the console's "compare", `kaohe compare` over the stored
// facts): what their definitions say differently — parameter histories, rules, provisions — and,
// for one evaluation kind and period, the subjects whose score, rank, bottom group or tier move
// (engine/impact.ts's report). Stored nowhere.
import { subjectChanges } from '../engine/impact.js';
import type { ParameterValue, RuleSet } from '../rules/types.js';
import type { Deps } from './deps.js';
import { evaluateIn } from './evaluations.js';
import { checkKeys, checkPeriod, checkString } from './input.js';

export interface DefinitionChange {
  what: 'parameter' | 'rule' | 'provision';
  id: string;
  change: 'added' | 'removed' | 'changed';
  current?: string;
  revision?: string;
}

const history = (values: readonly ParameterValue[]) =>
  values.map((v) => `${v.from}: ${JSON.stringify(v.value)}`).join('; ');

/** What two rule sets define differently, by parameter history, rule content and provision text. */
export function definitionChanges(a: RuleSet, b: RuleSet): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  const compare = <T>(
    what: DefinitionChange['what'],
    x: Map<string, T>,
    y: Map<string, T>,
    shown: (v: T) => string,
  ) => {
    for (const id of [...new Set([...x.keys(), ...y.keys()])].sort()) {
      const [vx, vy] = [x.get(id), y.get(id)];
      const [sx, sy] = [vx === undefined ? undefined : shown(vx), vy === undefined ? undefined : shown(vy)];
      if (sx === sy) continue;
      const change = sx === undefined ? 'added' : sy === undefined ? 'removed' : 'changed';
      out.push({ what, id, change, current: sx, revision: sy });
    }
  };
  compare('parameter', a.parameters, b.parameters, (p) => history(p.values));
  compare('rule', a.rulesById, b.rulesById, (r) => JSON.stringify(r));
  compare('provision', a.provisions, b.provisions, (p) => p.zh);
  return out;
}

export async function compareVersions(deps: Deps, body: unknown) {
  const request = checkKeys(
    body,
    'a compare request',
    ['current', 'revision', 'kind', 'period'],
    ['current', 'revision'],
  );
  const [current, revision] = await Promise.all([
    deps.catalog.resolve(checkString(request.current, 'current')),
    deps.catalog.resolve(checkString(request.revision, 'revision')),
  ]);
  const [a, b] = await Promise.all([deps.catalog.evaluator(current), deps.catalog.evaluator(revision)]);
  const report = {
    current: { version: current.version, hash: current.hash, effective: current.effective },
    revision: { version: revision.version, hash: revision.hash, effective: revision.effective },
    definitions: definitionChanges(a.ruleSet, b.ruleSet),
    outcome: null as null | {
      kind: string;
      period: string;
      asOf: string;
      changes: ReturnType<typeof subjectChanges>;
    },
  };
  if (request.kind === undefined && request.period === undefined) return report;
  const kind = checkString(request.kind, 'kind');
  const period = checkPeriod(request.period, 'period');
  const asOf = deps.asOfGuard.take();
  const [ca, cb] = [(await deps.contexts.get(a, asOf)).context, (await deps.contexts.get(b, asOf)).context];
  const [ra, rb] = [evaluateIn(ca, kind, period.id), evaluateIn(cb, kind, period.id)];
  report.outcome = { kind, period: period.id, asOf, changes: subjectChanges(ra.results, rb.results) };
  return report;
}
