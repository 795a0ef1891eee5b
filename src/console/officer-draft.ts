// The officer's draft as data: one file of a published version replaced by the officer's text (pasted
// or uploaded), checked as POST /v1/rulesets/validate checks it, then — when it loads — its rule
// tests and its impact on the stored facts (POST /v1/rulesets/impact), and finally published
// (POST /v1/rulesets). The service answers each step; this module only lays the answers out.
import type { RuleError } from '../rules/errors.js';
import type { KaoheService } from '../service/kaohe-service.js';

export interface DraftInput {
  /** The published version the draft starts from (hash or version). */
  base: string;
  /** The file the officer edits (a path of the version, or a new one). */
  file: string;
  text: string;
  /** The impact's range (default: the draft's effective.from to today). */
  from?: string;
  to?: string;
}

export interface DraftLine {
  n: number;
  text: string;
  errors: { col: number; code: string; message: string }[];
}

/** The edited file's lines, each with the errors the loader placed on it. */
export function annotatedLines(text: string, file: string, errors: readonly RuleError[]): DraftLine[] {
  const lines: DraftLine[] = text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t, errors: [] }));
  for (const e of errors) {
    if (e.file !== file) continue;
    const line = lines[Math.min(Math.max(e.line, 1), lines.length) - 1] as DraftLine;
    line.errors.push({ col: e.col, code: e.code, message: e.message });
  }
  return lines;
}

/** The lines within `context` lines of an error, with `gap` markers where lines are left out. */
export function excerpt(lines: DraftLine[], context = 4): (DraftLine | { gap: number })[] {
  const keep = new Set<number>();
  for (const l of lines)
    if (l.errors.length > 0) for (let n = l.n - context; n <= l.n + context; n++) keep.add(n);
  const out: (DraftLine | { gap: number })[] = [];
  let skipped = 0;
  for (const l of lines) {
    if (keep.has(l.n)) {
      if (skipped > 0) out.push({ gap: skipped });
      skipped = 0;
      out.push(l);
    } else skipped++;
  }
  if (skipped > 0) out.push({ gap: skipped });
  return out;
}

async function draftFiles(service: KaoheService, input: DraftInput): Promise<Record<string, string>> {
  const files = { ...(await service.rulesetFiles(input.base)) };
  files[input.file] = input.text;
  return files;
}

/** What the draft form shows before anything is checked: the base version's files. */
export async function draftForm(service: KaoheService, base?: string, file?: string) {
  const { rulesets } = await service.listRulesets();
  const current = base ?? (await service.currentRuleset()).hash;
  const files = await service.rulesetFiles(current);
  const names = Object.keys(files).sort();
  const chosen = file && names.includes(file) ? file : (names[0] ?? '');
  // The impact's range offered at first: the base version's first year (up to today the report can
  // run past the service's time budget and come back cut; the officer widens it at will).
  const record = rulesets.filter((r) => r.hash === current || r.version === current).at(-1);
  const from = record?.effective.from ?? '';
  return {
    versions: [...rulesets].reverse(),
    base: current,
    files: names,
    file: chosen,
    text: files[chosen] ?? '',
    from,
    to: from ? `${from.slice(0, 4)}-12-31` : '',
  };
}

/** A checked draft: errors beside the text, or (valid) its rule tests and impact. */
export async function checkDraft(
  service: KaoheService,
  input: DraftInput,
  impactBudgetMs?: number,
  withImpact = true,
) {
  const files = await draftFiles(service, input);
  const { valid, errors } = service.validateFiles({ files });
  const page = {
    input,
    valid,
    errors,
    lines: excerpt(annotatedLines(input.text, input.file, errors)),
    otherErrors: errors.filter((e) => e.file !== input.file),
    tests: null as Awaited<ReturnType<KaoheService['draftRuleTests']>> | null,
    failedTests: [] as Awaited<ReturnType<KaoheService['draftRuleTests']>>['cases'],
    impact: null as Awaited<ReturnType<KaoheService['rulesetImpact']>> | null,
    /** The impact's steps where some subject moves (the others are counted, not listed). */
    moved: [] as Awaited<ReturnType<KaoheService['rulesetImpact']>>['evaluations'],
  };
  if (!valid) return page;
  page.tests = await service.draftRuleTests({ files });
  page.failedTests = page.tests.cases.filter((c) => !c.passed);
  if (!withImpact) return page;
  const request: Record<string, unknown> = { files };
  if (impactBudgetMs !== undefined) request.budgetMs = impactBudgetMs;
  if (input.from) request.from = input.from;
  if (input.to) request.to = input.to;
  page.impact = await service.rulesetImpact(request);
  page.moved = [...page.impact.evaluations, ...page.impact.verdicts].filter((s) => s.changes.length > 0);
  return page;
}

/** Publishes the draft (the service refuses one with errors, as POST /v1/rulesets does). */
export async function publishDraft(service: KaoheService, input: DraftInput) {
  return service.publishFiles({ files: await draftFiles(service, input) });
}
