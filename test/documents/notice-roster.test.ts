// A notice row shows the roster fact in force on the period's last day (rules' history: dated):
// S007 moves from W07 to W08 on 2018-08-15, so his 2018-Q2 row names W07 and his 2018-Q3 row W08,
// and his Q2 row does not change once the move is known.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNotice } from '../../src/documents/notice.js';
import { loadTemplates } from '../../src/documents/render.js';
import { type EvaluationContext, Evaluator } from '../../src/engine/evaluator.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { RuleSet } from '../../src/rules/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('notice rows under roster history', () => {
  let ruleSet: RuleSet;
  let ctx: EvaluationContext;
  let facts: StoredFact[];

  beforeAll(async () => {
    ruleSet = loadRuleSet(readRuleDirectory(`${root}rules`, 'rules')).ruleSet as RuleSet;
    facts = readFileSync(`${root}examples/centre/facts.ndjson`, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, seq) => ({ ...(JSON.parse(line) as StoredFact), recordedAt: '', seq }));
    ctx = await new Evaluator(ruleSet).context(facts);
  });

  const windowOf = (period: string) => {
    const evaluation = ctx.evaluate('staff-quarter', period);
    const notice = buildNotice({ ruleSet, evaluation, index: ctx.index, wording: loadTemplates().wording });
    const row = notice.rows.find((r) => r.subject === 'staff:S007');
    return row?.cells.find((c) => c.field === 'window')?.text;
  };
  const windowName = (id: string) =>
    facts.find((f) => f.type === 'roster.window' && f.subject.id === id)?.data.name as string;

  it('names the window S007 sat at on the last day of each quarter', () => {
    expect(ruleSet.manifest.scope.rosters.staff?.history).toBe('dated');
    expect(windowName('W07')).not.toBe(windowName('W08'));
    expect(windowOf('2018-Q2')).toBe(windowName('W07'));
    expect(windowOf('2018-Q3')).toBe(windowName('W08'));
  });
});
