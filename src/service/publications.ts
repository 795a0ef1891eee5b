// Published notices: what /p/ serves. A publication is the publish step of a round; its notice is
// built from the evaluation it names, the rule set that evaluation used and the roster as known
// at its asOf — so it reads the same forever, whatever is posted later. Nothing unpublished is
// ever found here (404).

import { formatPeriod } from '../documents/format.js';
import type { Notice } from '../documents/notice.js';
import { buildNotice } from '../documents/notice.js';
import type { PublicationLine, Templates } from '../documents/render.js';
import type { Result } from '../engine/types.js';
import { parsePeriod } from '../periods/index.js';
import { procedureOf } from '../rules/procedure.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import type { Publication } from './round-state.js';

const CACHE_LIMIT = 32;

export class NoticeCache {
  private readonly notices = new Map<string, Promise<Notice>>();

  get(id: string, build: () => Promise<Notice>): Promise<Notice> {
    let hit = this.notices.get(id);
    if (!hit) {
      if (this.notices.size >= CACHE_LIMIT) this.notices.delete(this.notices.keys().next().value as string);
      hit = build();
      this.notices.set(id, hit);
      hit.catch(() => this.notices.delete(id));
    }
    return hit;
  }
}

async function allPublications(deps: Deps): Promise<Publication[]> {
  const events = await deps.store.rounds.publications();
  return events.map((e) => (e.step as { published: Publication }).published);
}

/** The publication and the one that superseded it, if any. */
export async function publication(
  deps: Deps,
  id: string,
): Promise<{ publication: Publication; supersededBy?: string }> {
  const event = await deps.store.rounds.publication(id);
  if (!event) throw notFound('publication-not-found', `no publication ${id}`);
  const own = (event.step as { published: Publication }).published;
  const later = (await deps.store.rounds.events(event.round))
    .map((e) => (e.step as { published?: Publication }).published)
    .find((p) => p?.supersedes === id);
  return later ? { publication: own, supersededBy: later.id } : { publication: own };
}

/**
 * The notice of a stored evaluation (a draft without `publication`: what a round would publish),
 * with the rule set it used and the roster at its asOf; null when no such evaluation is stored.
 */
export async function evaluationNotice(
  deps: Deps,
  templates: Templates,
  evaluationId: string,
  publication?: Notice['publication'],
): Promise<Notice | null> {
  const record = await deps.store.getEvaluation(evaluationId);
  if (!record) return null;
  const version = await deps.catalog.get(record.ruleset.hash);
  if (!version) throw new Error(`evaluation ${record.id} names rule set ${record.ruleset.hash}, not stored`);
  const evaluator = await deps.catalog.evaluator(version);
  const { context } = await deps.contexts.get(evaluator, record.asOf);
  return buildNotice({
    ruleSet: evaluator.ruleSet,
    evaluation: { ...record, results: record.results as Result[] },
    index: context.index,
    wording: templates.wording,
    ...(publication ? { publication } : {}),
  });
}

export async function publishedNotice(deps: Deps, templates: Templates, cache: NoticeCache, id: string) {
  const found = await publication(deps, id);
  const p = found.publication;
  const notice = await cache.get(id, async () => {
    const built = await evaluationNotice(deps, templates, p.evaluation, {
      id: p.id,
      publishedAt: p.publishedAt,
      ...(p.supersedes ? { supersedes: p.supersedes } : {}),
    });
    if (!built) throw new Error(`publication ${id} names evaluation ${p.evaluation}, which is not stored`);
    return built;
  });
  const withSuccessor: Notice =
    found.supersededBy && notice.publication
      ? { ...notice, publication: { ...notice.publication, supersededBy: found.supersededBy } }
      : notice;
  return { notice: withSuccessor, publication: p, supersededBy: found.supersededBy };
}

/** Every publication, newest first, with its notice title and whether a correction superseded it. */
export async function publicationLines(deps: Deps, templates: Templates): Promise<PublicationLine[]> {
  const all = await allPublications(deps);
  const successor = new Map(all.filter((p) => p.supersedes).map((p) => [p.supersedes as string, p.id]));
  const lines: PublicationLine[] = [];
  for (const p of [...all].reverse()) {
    const period = parsePeriod(p.period);
    const evaluator = period ? await deps.catalog.evaluator(deps.catalog.inForceDuring(period)) : undefined;
    const procedure = evaluator ? procedureOf(evaluator.ruleSet.rules, p.kind) : undefined;
    const next = successor.get(p.id);
    lines.push({
      id: p.id,
      title: procedure?.notice.zh ?? p.kind,
      periodLabel: period ? formatPeriod(period, templates.wording) : p.period,
      publisher: procedure?.publisher.zh ?? '',
      publishedAt: p.publishedAt,
      ...(next ? { supersededBy: next } : {}),
    });
  }
  return lines;
}
