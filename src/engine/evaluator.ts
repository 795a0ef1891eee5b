// The engine's public surface. An Evaluator holds one rule set (and its memoised classification);
// a context holds the facts of one question (as known at some asOf) and answers any number of
// evaluations and verdicts over them. Pure: no I/O, no clock.
import { sha256 } from '../explain/canonical.js';
import type { StoredFact } from '../model/fact.js';
import type { RuleSet, Scalar } from '../rules/types.js';
import { Classifier } from './classify.js';
import { type Context, evaluationRules } from './context.js';
import { evaluateKind } from './evaluations.js';
import { buildFactIndex, type FactIndex } from './fact-index.js';
import { Parameters } from './params.js';
import type { EvaluationBody, VerdictBody } from './types.js';
import { verdict } from './verdict.js';

export interface EvaluatorOptions {
  /** Parameter values that replace the rule set's (rule tests, what-if questions). */
  parameters?: Record<string, Scalar>;
}

export interface ContextOptions {
  /** Ids retracted by retractions in force (needed when facts are streamed). */
  retracted?: ReadonlySet<string>;
  /** Compute a digest of the facts (sorted ids and recordedAt); costs a sort of every id. */
  digest?: boolean;
}

export class Evaluator {
  readonly classifier: Classifier;
  readonly params: Parameters;
  constructor(
    readonly ruleSet: RuleSet,
    options: EvaluatorOptions = {},
  ) {
    this.params = new Parameters(ruleSet, options.parameters);
    this.classifier = new Classifier(ruleSet, this.params);
  }

  /** Evaluation kinds the rule set defines, with their cadence. */
  kinds(): { kind: string; cadence: string }[] {
    return [...evaluationRules(this.ruleSet).values()]
      .map((r) => ({ kind: r.evaluation, cadence: r.cadence }))
      .sort((a, b) => (a.kind < b.kind ? -1 : 1));
  }

  /** Verdict ids the rule set defines. */
  verdicts(): string[] {
    return this.ruleSet.rules.filter((r) => r.kind === 'verdict').map((r) => r.id);
  }

  async context(
    facts: Iterable<StoredFact> | AsyncIterable<StoredFact>,
    options: ContextOptions = {},
  ): Promise<EvaluationContext> {
    const keys: string[] = [];
    let source = facts;
    if (options.digest) {
      const note = (f: StoredFact) => keys.push(`${f.id}\t${f.recordedAt ?? ''}`);
      source =
        Symbol.iterator in (facts as object)
          ? (function* () {
              for (const f of facts as Iterable<StoredFact>) {
                note(f);
                yield f;
              }
            })()
          : (async function* () {
              for await (const f of facts as AsyncIterable<StoredFact>) {
                note(f);
                yield f;
              }
            })();
    }
    let retracted = options.retracted;
    if (!retracted && Array.isArray(facts)) {
      retracted = new Set(
        (facts as StoredFact[]).filter((f) => f.type === 'retraction').map((f) => String(f.data.retracts)),
      );
    }
    const index = await buildFactIndex(this.ruleSet, this.classifier, source, { retracted });
    const digest = options.digest ? sha256(keys.sort().join('\n')) : '';
    return new EvaluationContext(
      {
        ruleSet: this.ruleSet,
        params: this.params,
        classifier: this.classifier,
        index,
        evaluations: evaluationRules(this.ruleSet),
        cache: new Map(),
      },
      digest,
    );
  }
}

export class EvaluationContext {
  constructor(
    private readonly ctx: Context,
    readonly factsDigest: string,
  ) {}

  get index(): FactIndex {
    return this.ctx.index;
  }

  get ruleSet(): RuleSet {
    return this.ctx.ruleSet;
  }

  evaluate(kind: string, period: string): EvaluationBody {
    // Cached results are deeply frozen (evaluateKind), so they can be handed out without a copy.
    const results = evaluateKind(this.ctx, kind, period);
    return {
      kind,
      period,
      ruleset: { version: this.ctx.ruleSet.manifest.version, hash: this.ctx.ruleSet.hash },
      factsDigest: this.factsDigest,
      results,
    };
  }

  /** Forget cached evaluations (benchmarks measure cold evaluations with it). */
  clearCache(): void {
    this.ctx.cache.clear();
  }

  verdict(verdictId: string, subjectId: string, date: string): Promise<VerdictBody> {
    return verdict(this.ctx, verdictId, subjectId, date);
  }
}
