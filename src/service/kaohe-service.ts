// The application layer: every use case of the HTTP contract, with no HTTP in it. The store is the
// only memory (a restart loses nothing but caches); the clock is injected so tests decide
// recordedAt and asOf.

import { join } from 'node:path';
import { loadTemplates, type Templates } from '../documents/render.js';
import type { Logger } from '../log/logger.js';
import type { SubjectRef } from '../model/fact.js';
import { projectRoot } from '../schemas/registry.js';
import type { Store } from '../store/port.js';
import { ContextCache } from './contexts.js';
import { DecisionLog, queryDecisions } from './decision-log.js';
import { AsOfGuard, type Deps } from './deps.js';
import { invalid, notFound } from './errors.js';
import * as evaluations from './evaluations.js';
import { appendFacts, checkFacts, factsOfBody, queryFacts } from './facts.js';
import * as impact from './impact.js';
import { evaluationNotice, NoticeCache, publicationLines, publishedNotice } from './publications.js';
import * as publishing from './publishing.js';
import { procedureOfRound, proceduresInForce } from './round-procedures.js';
import type { Caller } from './round-state.js';
import * as rounds from './rounds.js';
import { draftRuleTests, publishedRuleTests } from './rule-tests.js';
import * as views from './ruleset-views.js';
import { RulesetCatalog } from './rulesets.js';
import { subjectHistory } from './subject-history.js';
import * as verdicts from './verdicts.js';
import { compareVersions } from './version-compare.js';

export interface KaoheServiceOptions {
  store: Store;
  /** The directory published at start and on SIGHUP. */
  rulesDir: string;
  logger: Logger;
  now?: () => Date;
  /** How many evaluation contexts to keep (each holds the facts known at one watermark). */
  contextCacheSize?: number;
  /** Real time one impact request may compute before answering with a cursor. */
  impactBudgetMs?: number;
  /** The notice templates (default: the package's templates/). */
  templatesDir?: string;
  /** How stale the list of published rule sets may be (other instances publish too); default 1 s. */
  rulesetRefreshMs?: number;
  /** The YAML rule tests run against published versions and drafts (default: the package's test/rules). */
  ruleTestsDir?: string;
}

export interface FactQueryRequest {
  subject?: SubjectRef;
  type?: string;
  from?: string;
  to?: string;
  asOf?: string;
  includeRetracted?: boolean;
  limit?: number;
  cursor?: string;
}

export class KaoheService {
  readonly store: Store;
  readonly rulesDir: string;
  private readonly deps: Deps;
  private readonly impactBudgetMs: number | undefined;
  readonly templates: Templates;
  readonly ruleTestsDir: string;
  private readonly notices = new NoticeCache();

  constructor(options: KaoheServiceOptions) {
    const now = options.now ?? (() => new Date());
    this.store = options.store;
    this.rulesDir = options.rulesDir;
    this.impactBudgetMs = options.impactBudgetMs;
    this.templates = loadTemplates(options.templatesDir);
    this.ruleTestsDir = options.ruleTestsDir ?? join(projectRoot(), 'test', 'rules');
    this.deps = {
      store: options.store,
      catalog: new RulesetCatalog(options.store, now, options.logger, options.rulesetRefreshMs),
      contexts: new ContextCache(options.store, options.logger, options.contextCacheSize ?? 4),
      now,
      logger: options.logger,
      asOfGuard: new AsOfGuard(now),
      decisions: new DecisionLog(options.store, options.logger),
    };
  }

  /** Reads the published versions, then publishes RULES_DIR (a broken directory is only logged). */
  async start() {
    return this.publishDirectory();
  }

  get hasRuleset(): boolean {
    return this.deps.catalog.size > 0;
  }

  // ---- rule sets ------------------------------------------------------------------------------

  /** Publishes RULES_DIR (start, SIGHUP); first re-reads the versions other processes published. */
  async publishDirectory() {
    await this.deps.catalog.refresh();
    return publishing.publishDirectory(this.deps, this.rulesDir);
  }
  publishFiles(body: unknown) {
    return publishing.publishFiles(this.deps, body);
  }
  /** What publishing a draft would change over the stored facts (stored nowhere). */
  async rulesetImpact(body: unknown) {
    await this.deps.catalog.sync();
    return impact.rulesetImpact(this.deps, body, this.impactBudgetMs);
  }
  validateFiles(body: unknown) {
    return publishing.validateFiles(body);
  }
  async listRulesets() {
    await this.deps.catalog.sync();
    return { rulesets: this.deps.catalog.list() };
  }
  async currentRuleset() {
    await this.deps.catalog.sync();
    return views.rulesetView(this.deps, await views.currentRecord(this.deps));
  }
  async rulesetByHash(hash: string) {
    await this.deps.catalog.sync();
    return views.rulesetByHash(this.deps, hash);
  }
  async provisions(ruleset?: string) {
    await this.deps.catalog.sync();
    return views.provisions(this.deps, ruleset);
  }
  async verdictsInForce() {
    await this.deps.catalog.sync();
    return views.verdictsInForce(this.deps);
  }
  /** The vocabulary of the rule set in force (kinds, finding codes), for the OpenAPI document. */
  async describeInForce() {
    await this.deps.catalog.sync();
    return views.describeInForce(this.deps);
  }

  /** A published version's source files (what an officer edits a draft from). */
  async rulesetFiles(ref: string): Promise<Record<string, string>> {
    await this.deps.catalog.sync();
    return (await this.deps.catalog.resolve(ref)).files;
  }
  /** The rule tests (ruleTestsDir) against a published version. */
  async ruleTests(ref: string) {
    await this.deps.catalog.sync();
    return publishedRuleTests(this.deps, this.ruleTestsDir, await this.deps.catalog.resolve(ref));
  }
  /** The rule tests against draft files ({"files": {...}}), stored nowhere. */
  draftRuleTests(body: unknown) {
    return draftRuleTests(body, this.ruleTestsDir);
  }
  /** Two published versions: definitions and, for a kind and period, the subjects that move. */
  async compareVersions(body: unknown) {
    await this.deps.catalog.sync();
    return compareVersions(this.deps, body);
  }

  // ---- facts ----------------------------------------------------------------------------------

  async postFacts(body: unknown) {
    await this.deps.catalog.sync(); // the finding codes are those of the versions published anywhere
    const facts = checkFacts(factsOfBody(body), await this.deps.catalog.vocabulary());
    await this.deps.asOfGuard.beforeAppend();
    const appended = await appendFacts(this.deps.store, facts);
    await this.deps.asOfGuard.afterAppend(appended.recordedAt);
    return appended;
  }

  queryFacts(query: FactQueryRequest) {
    return queryFacts(this.deps.store, { ...query, asOf: query.asOf ?? this.deps.now().toISOString() });
  }

  // ---- evaluations and verdicts ---------------------------------------------------------------

  async createEvaluation(body: unknown) {
    await this.deps.catalog.sync();
    return evaluations.createEvaluation(this.deps, body);
  }
  getEvaluation(id: string) {
    return evaluations.getEvaluation(this.deps, id);
  }
  listEvaluations(filter: { kind?: string; period?: string }) {
    return evaluations.listEvaluations(this.deps, filter);
  }
  replay(id: string) {
    return evaluations.replayEvaluation(this.deps, id);
  }

  async verdictSubjectKind(verdict: string, date: string) {
    await this.deps.catalog.sync();
    return verdicts.verdictSubjectKind(this.deps, verdict, date);
  }
  async verdict(request: verdicts.VerdictRequest) {
    await this.deps.catalog.sync();
    return verdicts.verdict(this.deps, request);
  }
  /** The contract's GET /v1/verdicts/return-to-unit, by name for callers that know it. */
  async returnToUnit(staff: string, date: string, asOf?: string) {
    if (typeof staff !== 'string') throw invalid('invalid-value', 'staff must be a string');
    await this.deps.catalog.sync();
    return verdicts.verdict(this.deps, { verdict: 'return-to-unit', subjectId: staff, date, asOf });
  }
  async verdictOverFacts(body: unknown, asker?: verdicts.VerdictRequest['asker']) {
    await this.deps.catalog.sync();
    return verdicts.verdictOverFacts(this.deps, body, asker);
  }
  /** One subject's results per period, its facts and its verdicts on a date (the auditor's page). */
  async subjectHistory(request: Parameters<typeof subjectHistory>[1]) {
    await this.deps.catalog.sync();
    return subjectHistory(this.deps, request);
  }
  decisions(query: Parameters<typeof queryDecisions>[1]) {
    return queryDecisions(this.deps.store, query);
  }

  // ---- assessment rounds (A8.3) -----------------------------------------------------------------

  createRound(caller: Caller, body: unknown) {
    return rounds.createRound(this.deps, caller, body);
  }
  reviewRound(caller: Caller, id: string, body: unknown) {
    return rounds.reviewRound(this.deps, caller, id, body);
  }
  proposeRound(caller: Caller, id: string, body: unknown) {
    return rounds.proposeAgain(this.deps, caller, id, body);
  }
  publishRound(caller: Caller, id: string, body: unknown) {
    return rounds.publishRound(this.deps, caller, id, body);
  }
  getRound(id: string) {
    return rounds.getRound(this.deps, id);
  }
  listRounds(filter: { kind?: string; period?: string; status?: string }) {
    return rounds.listRounds(this.deps, filter);
  }
  roundDrift(id: string) {
    return rounds.roundDrift(this.deps, id);
  }
  /** The procedures in force on `date` (default today): kinds, steps and roles, grade choices. */
  async procedures(date?: string) {
    await this.deps.catalog.sync();
    return proceduresInForce(this.deps, date ?? this.deps.now().toISOString().slice(0, 10));
  }
  /** The procedure a round of `kind` and `period` follows, or null. */
  async roundProcedure(kind: string, period: string) {
    await this.deps.catalog.sync();
    return procedureOfRound(this.deps, kind, period);
  }
  publishedNotice(id: string) {
    return publishedNotice(this.deps, this.templates, this.notices, id);
  }
  publications() {
    return publicationLines(this.deps, this.templates);
  }
  /** The notice a stored evaluation would make (a draft: names, windows, items as the notice words them). */
  draftNotice(evaluationId: string) {
    // A stored evaluation never changes, nor does its notice: built once, kept as a publication's is.
    return this.notices.get(`draft:${evaluationId}`, async () => {
      const notice = await evaluationNotice(this.deps, this.templates, evaluationId);
      if (!notice) throw notFound('evaluation-not-found', `no evaluation ${evaluationId}`);
      return notice;
    });
  }

  // ---- health ---------------------------------------------------------------------------------

  /** Throws when the store does not answer. */
  async health() {
    await this.deps.store.watermark(this.deps.now().toISOString());
    await this.deps.catalog.sync();
    const record = await views.currentRecord(this.deps).catch(() => this.deps.catalog.latest());
    return {
      status: 'ok' as const,
      store: this.deps.store.kind,
      ruleset: record ? { version: record.version, hash: record.hash } : null,
    };
  }

  async close(): Promise<void> {
    await this.deps.decisions.settled();
    this.deps.contexts.clear();
    await this.deps.store.close();
  }
}
