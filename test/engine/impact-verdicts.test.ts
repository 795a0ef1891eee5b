// A verdict that a revision flips is explained like an evaluation's change: the provisions whose
// condition flipped and the parameter values those conditions used on that date.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import { impactOf } from '../../src/engine/impact.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';
import { centreFacts, RULES_DIR } from '../http/support.js';
import { addValue, setVersion, shippedFiles } from '../revision/revise.js';

function load(dir: string): RuleSet {
  const { ruleSet } = loadRuleSet(readRuleDirectory(dir));
  if (!ruleSet) throw new Error(`${dir} does not load`);
  return ruleSet;
}

it('a flipped verdict names the provision and the parameter value that moved', async () => {
  const files = shippedFiles();
  setVersion(files, '2019.1');
  addValue(files, 'returnToUnit.criticismCount', '2019-01-01', 3);
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-impact-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  const facts: StoredFact[] = centreFacts().map((f, seq) => ({
    ...f,
    recordedAt: `${f.occurredOn}T18:00:00.000+08:00`,
    seq,
  }));
  const current = await new Evaluator(load(RULES_DIR)).context(facts);
  const revision = await new Evaluator(load(dir)).context(facts);
  // S025's criticisms of 2018-06-12 and 2019-03-20 return him under 2 (the example centre), not 3.
  const step = await impactOf({ verdict: 'return-to-unit', date: '2019-04-01' }, current, revision);
  expect(step.changes).toEqual([
    {
      subject: 'staff:S025',
      fields: { returnToUnit: { current: true, revision: false } },
      provisions: ['A7.4.4'],
      parameters: { 'returnToUnit.criticismCount': { current: 2, revision: 3 } },
    },
  ]);
}, 60_000);
