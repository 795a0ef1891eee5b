// json-rules-engine Engines reused across runs, never shared between runs in flight: one Engine
// keeps a single `status` for all its runs, so when one run finishes it marks the Engine finished
// and a run still in progress skips its remaining rules (upstream #303). A pool lends each run
// an Engine of its own and takes it back when the run has settled.
import { Engine, type EngineResult, type RuleProperties } from 'json-rules-engine';

/** Engines of one rule list; at most `size` are built, further runs wait for one (FIFO). */
export class EnginePool {
  private readonly idle: Engine[] = [];
  private readonly waiting: ((engine: Engine) => void)[] = [];
  private built = 0;

  constructor(
    private readonly rules: RuleProperties[],
    private readonly size: number,
  ) {}

  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? (this.built < this.size ? this.build() : await this.wait());
    try {
      return await engine.run(facts);
    } finally {
      const next = this.waiting.shift();
      if (next) next(engine);
      else this.idle.push(engine);
    }
  }

  /** Engines built so far (tests check that the pool is reused and bounded). */
  get engines(): number {
    return this.built;
  }

  private build(): Engine {
    this.built++;
    return new Engine(this.rules, { allowUndefinedFacts: false });
  }

  private wait(): Promise<Engine> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** Pools by key (the caller's key must determine the rule list), built on first use. */
export class EnginePools {
  private readonly pools = new Map<string, EnginePool>();
  constructor(private readonly size: number) {}

  get(key: string, rules: () => RuleProperties[]): EnginePool {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new EnginePool(rules(), this.size);
      this.pools.set(key, pool);
    }
    return pool;
  }
}
