// The published rule-set versions: publishing (from RULES_DIR or posted files, through the one
// loader), choosing the version in force on a date, and one Evaluator per content hash (the
// Evaluator is immutable after construction, so concurrent requests share it).
import { Evaluator } from '../engine/evaluator.js';
import type { Logger } from '../log/logger.js';
import type { RuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load.js';
import { publishedDefinition, ruleSetFromDefinition } from '../rules/published.js';
import type { RuleSource } from '../rules/source.js';
import { vocabularyOf } from '../rules/vocabulary.js';
import { type VocabularyOn, vocabularyByDate } from '../schemas/registry.js';
import type { RulesetRecord, Store } from '../store/port.js';
import { ServiceError } from './errors.js';

export interface PublishOutcome {
  /** True when this call stored a new version. */
  published: boolean;
  version: string | null;
  hash: string | null;
  errors: RuleError[];
}

export type RulesetSummary = Omit<RulesetRecord, 'files' | 'definition'>;

export class RulesetCatalog {
  /** Every published version, by publishedAt (a copy of the store's list, refreshed on publish). */
  private records: RulesetRecord[] = [];
  private readonly evaluators = new Map<string, Promise<Evaluator>>();
  private vocabularyCache: { key: string; on: VocabularyOn } | undefined;
  /** When the last successful read of the store started, and the read in flight (performance.now()). */
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: { since: number; done: Promise<void> } | null = null;

  /**
   * `refreshMs`: other instances may publish into the same store, so a request re-reads the list
   * when the last read started more than refreshMs before it arrived (0: a read per request). That
   * bounds how long a version published elsewhere stays unseen.
   */
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly refreshMs = 1000,
  ) {}

  async refresh(): Promise<void> {
    const since = performance.now();
    const records = await this.store.listRulesets();
    // Versions are never deleted: a read that started later knows at least as much.
    if (since >= this.readAt) {
      this.records = records;
      this.readAt = since;
    }
  }

  /**
   * Makes sure the list was read from the store no earlier than refreshMs before this call.
   * Concurrent callers share one read (a caller only joins a read that started late enough).
   */
  async sync(): Promise<void> {
    const oldest = performance.now() - this.refreshMs;
    for (;;) {
      if (this.readAt >= oldest) return;
      const reading = this.reading;
      if (reading) {
        if (reading.since >= oldest) return reading.done;
        await reading.done.catch(() => undefined);
        continue;
      }
      const since = performance.now();
      const done = this.refresh().finally(() => {
        if (this.reading?.done === done) this.reading = null;
      });
      this.reading = { since, done };
      return done;
    }
  }

  list(): RulesetSummary[] {
    return this.records.map(({ files: _files, definition: _definition, ...summary }) => summary);
  }

  get size(): number {
    return this.records.length;
  }

  /** Loads a source; stores it as a new version when it is valid and its hash is new. */
  async publish(source: RuleSource, origin: string): Promise<PublishOutcome> {
    const { ruleSet, errors } = loadRuleSet(source);
    if (!ruleSet) return { published: false, version: null, hash: null, errors };
    const { version } = ruleSet.manifest;
    const outcome = { version, hash: ruleSet.hash, errors: [] };
    if (!this.evaluators.has(ruleSet.hash))
      this.evaluators.set(ruleSet.hash, Promise.resolve(new Evaluator(ruleSet)));
    if (this.records.some((r) => r.hash === ruleSet.hash)) return { published: false, ...outcome };
    const { from, to } = ruleSet.manifest.effective;
    const record: RulesetRecord = {
      version,
      hash: ruleSet.hash,
      effective: to === undefined ? { from } : { from, to },
      publishedAt: this.now().toISOString(),
      files: ruleSet.files,
      definition: publishedDefinition(ruleSet) as unknown as Record<string, unknown>,
    };
    const stored = await this.store.putRuleset(record);
    await this.refresh();
    if (stored)
      this.logger.info(
        { version, hash: ruleSet.hash, effective: record.effective, origin },
        'rule set published',
      );
    return { published: stored, ...outcome };
  }

  /**
   * The finding codes a fact may carry, by its occurredOn: those of the version in force on that
   * day (before every version: the earliest). Facts are checked against it at ingest.
   */
  async vocabulary(): Promise<VocabularyOn> {
    const records = this.records;
    const key = records.map((r) => r.hash).join(',');
    if (this.vocabularyCache?.key === key) return this.vocabularyCache.on;
    if (records.length === 0)
      return () => {
        throw new ServiceError(
          'unprocessable',
          'no-ruleset',
          'no rule set is published, so no finding code is defined yet; publish one first',
        );
      };
    const versions = await Promise.all(
      records.map(async (r) => ({
        ...vocabularyOf((await this.evaluator(r)).ruleSet),
        effective: r.effective,
      })),
    );
    const on = vocabularyByDate(versions);
    this.vocabularyCache = { key, on };
    return on;
  }

  /** The version in force on a date: effective range contains it; latest from, then latest publishedAt. */
  inForce(date: string): RulesetRecord | undefined {
    let best: RulesetRecord | undefined;
    for (const r of this.records) {
      if (r.effective.from > date || (r.effective.to !== undefined && r.effective.to < date)) continue;
      if (!best || r.effective.from > best.effective.from) best = r;
      else if (r.effective.from === best.effective.from && r.publishedAt >= best.publishedAt) best = r;
    }
    return best;
  }

  inForceOrFail(date: string): RulesetRecord {
    const r = this.inForce(date);
    if (!r) {
      throw new ServiceError(
        'unprocessable',
        'no-ruleset-in-force',
        `no published rule set is in force on ${date}`,
      );
    }
    return r;
  }

  /**
   * The version that answers for a period: the one in force on its first day, or else (measures
   * that take effect mid-period) the one in force on the first day any version covers; the engine
   * then counts only the part in force and says so in `explanation.inForce`, as the CLI does.
   */
  inForceDuring(period: { id: string; start: string; end: string }): RulesetRecord {
    const onStart = this.inForce(period.start);
    if (onStart) return onStart;
    const firstCovered = this.records
      .map((r) => r.effective.from)
      .filter((from) => from > period.start && from <= period.end)
      .sort()[0];
    const found = firstCovered === undefined ? undefined : this.inForce(firstCovered);
    if (!found) {
      throw new ServiceError(
        'unprocessable',
        'no-ruleset-in-force',
        `no published rule set is in force on any day of ${period.id} (${period.start} to ${period.end})`,
      );
    }
    return found;
  }

  /** A version named by the client: a hash, or a version string (the latest published with it). */
  async resolve(ref: string): Promise<RulesetRecord> {
    const byHash = this.records.find((r) => r.hash === ref) ?? (await this.store.getRuleset(ref));
    if (byHash) return byHash;
    const byVersion = this.records.filter((r) => r.version === ref).at(-1);
    if (byVersion) return byVersion;
    throw new ServiceError(
      'not-found',
      'ruleset-not-found',
      `no published rule set has version or hash ${JSON.stringify(ref)}`,
    );
  }

  /** The version with the earliest effective date (for dates before every version). */
  earliest(): RulesetRecord | undefined {
    return [...this.records].sort((a, b) => (a.effective.from < b.effective.from ? -1 : 1))[0];
  }

  /** The last published version (for the time zone of "today" and for health). */
  latest(): RulesetRecord | undefined {
    return this.records.at(-1);
  }

  async get(hash: string): Promise<RulesetRecord | null> {
    return this.records.find((r) => r.hash === hash) ?? (await this.store.getRuleset(hash));
  }

  /** The Evaluator of a stored version, rebuilt on first use (e.g. after a restart). */
  evaluator(record: RulesetRecord): Promise<Evaluator> {
    let pending = this.evaluators.get(record.hash);
    if (!pending) {
      pending = this.reload(record);
      this.evaluators.set(record.hash, pending);
      pending.catch(() => this.evaluators.delete(record.hash));
    }
    return pending;
  }

  private async reload(record: RulesetRecord): Promise<Evaluator> {
    // As published: rebuilt from its definition, whatever this release's schemas and checks say.
    if (record.definition) {
      try {
        return new Evaluator(ruleSetFromDefinition(record.definition, record.hash, record.files));
      } catch (error) {
        this.logger.error({ hash: record.hash, err: error }, 'stored rule set definition does not rebuild');
        throw error;
      }
    }
    const files = Object.entries(record.files)
      .map(([path, text]) => ({ path, text }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const { ruleSet, errors } = loadRuleSet({ displayDir: `ruleset ${record.version}`, files });
    // A stored version that no longer loads (or loads to other content) would silently change
    // replays; refuse instead, naming the version.
    if (!ruleSet || ruleSet.hash !== record.hash) {
      this.logger.error({ hash: record.hash, errors }, 'stored rule set does not reload to its hash');
      throw new Error(
        `stored rule set ${record.version} (${record.hash}) does not reload to the same content`,
      );
    }
    return new Evaluator(ruleSet);
  }
}
