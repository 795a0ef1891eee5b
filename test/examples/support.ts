// Checks shared by the generator tests: a fact stream's order and references, and schema validation.
import { existsSync, readFileSync } from 'node:fs';
import type { Fact } from '../../src/model/fact.js';
import { contractProblems } from './contract.js';

/** Problems of a streamed fact list: docs/facts.md contract, unique ids, roster first, dates never going
 * back, working days only, retractions of earlier non-retraction facts. */
export function checkStream(facts: readonly Fact[], rosterCount: number): string[] {
  const problems: string[] = [];
  const seen = new Map<string, Fact>();
  let last = '';
  facts.forEach((f, i) => {
    problems.push(...contractProblems(f));
    if (seen.has(f.id)) problems.push(`${f.id}: duplicate id`);
    if (i < rosterCount && !f.type.startsWith('roster.'))
      problems.push(`${f.id}: roster facts must come first`);
    if (f.occurredOn < last) problems.push(`${f.id}: goes back in time`);
    const weekday = new Date(`${f.occurredOn}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) problems.push(`${f.id}: not a working day`);
    if (f.type === 'retraction') {
      const target = seen.get(String(f.data.retracts));
      if (!target || target.type === 'retraction') problems.push(`${f.id}: bad retraction target`);
    }
    seen.set(f.id, f);
    last = f.occurredOn;
  });
  return problems;
}

type Validate = (value: unknown) => unknown[];

/**
 * Validates with the project's schema registry (src/schemas/registry.ts, `validateFact`) when it
 * exists, else with ajv directly on schemas/fact.schema.json, the same contract.
 */
export async function validateWithSchema(root: string, facts: readonly Fact[]): Promise<string[]> {
  let validate: Validate;
  if (existsSync(`${root}src/schemas/registry.ts`)) {
    const spec = '../../src/schemas/registry.js'; // a variable, so typechecking does not need the file
    const registry = (await import(/* @vite-ignore */ spec)) as { validateFact: Validate };
    validate = (v) => registry.validateFact(v);
  } else {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = (await import('ajv-formats')).default as unknown as (ajv: unknown) => void;
    const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true });
    addFormats(ajv);
    const check = ajv.compile(JSON.parse(readFileSync(`${root}schemas/fact.schema.json`, 'utf8')));
    validate = (v) => (check(v) ? [] : (check.errors ?? []));
  }
  const errors: string[] = [];
  for (const f of facts) {
    const e = validate(f);
    if (e.length > 0) errors.push(`${f.id}: ${JSON.stringify(e)}`);
  }
  return errors;
}
