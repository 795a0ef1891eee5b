// The per-fact path knows no rule kind: the fact index, the score's tally and the report items do
// what each rule's kind prepared for it (src/kinds/: `index`, `items`). Proven two ways: kinds that
// exist only in this test take facts and produce score and report items, with no engine file
// edited; and the engine files of that path name no kind that takes facts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/engine/evaluator.js';
import { installRuleKindEngines, type RuleKindEngine } from '../../src/engine/stages.js';
import type { Item, Result } from '../../src/engine/types.js';
import { installKinds, RULE_KINDS } from '../../src/kinds/index.js';
import type { StoredFact } from '../../src/model/fact.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import type { Rule } from '../../src/rules/types.js';
import { centreFacts, ROOT, RULES_DIR } from '../http/support.js';

const TALLY = 'test.late-quarter-point'; // a quarter point off per late arrival, in scores and reports
const COUNT = 'test.late-count'; // late arrivals counted per half-month, shown in reports

/** Kinds no schema knows, registered here only: their engine halves are all the engine sees. */
const testKinds: RuleKindEngine[] = [
  {
    kind: 'test-tally' as Rule['kind'],
    classified: true,
    index: () => ({
      codes: ['late'],
      fill(entry, fact) {
        entry.code = String(fact.data.code);
      },
    }),
    items: (rule) => ({
      reports: ['staff-half-month-attendance'],
      tally(t, entry) {
        t.deductions += 0.25;
        t.deductionFactIds.push(entry.id);
        const item =
          t.groups.get(rule.id) ??
          t.groups.create(rule.id, {
            provision: rule.provisions[0] ?? '',
            rule: rule.id,
            code: entry.code,
            effect: 'deduction',
            factIds: [],
          });
        t.groups.count(item, entry.id, -0.25);
      },
      report(_ctx, groups, entry) {
        const item =
          groups.get(rule.id) ?? groups.create(rule.id, { provision: '', rule: rule.id, factIds: [] });
        groups.count(item, entry.id, undefined);
      },
    }),
  },
  {
    kind: 'test-count' as Rule['kind'],
    classified: true,
    index: () => ({ codes: ['late'], halfMonthSums: {} }),
    items: (rule) => ({
      reports: ['staff-half-month-attendance'],
      summed: (_ctx, [count]) => ({
        provision: '',
        rule: rule.id,
        effect: 'measure',
        value: count,
        factIds: [],
      }),
    }),
  },
];

const testRule = (id: string, kind: string) =>
  ({ id, kind, provisions: ['A5.1.1'], title: id, subject: 'staff', factType: 'finding' }) as unknown as Rule;

const byId = (results: Result[]) => new Map(results.map((r) => [r.subject.id, r]));
const lateIds = (items: Item[]) => items.filter((i) => i.code === 'late').flatMap((i) => i.factIds);

describe('a fact-taking kind registered outside the engine', () => {
  const { ruleSet } = loadRuleSet(readRuleDirectory(RULES_DIR));
  if (!ruleSet) throw new Error('rules/ does not load');
  const rules = [...ruleSet.rules, testRule(TALLY, 'test-tally'), testRule(COUNT, 'test-count')];
  const extended = { ...ruleSet, rules, rulesById: new Map(rules.map((r) => [r.id, r])) };
  const facts = centreFacts().map((f) => ({ ...f, recordedAt: '2020-01-01T00:00:00.000Z' }) as StoredFact);

  beforeAll(() => {
    installRuleKindEngines([...RULE_KINDS.map(({ kind, engine }) => ({ kind, ...engine })), ...testKinds]);
  });
  afterAll(() => installKinds());

  it('takes facts into the index and its items into every score, deducting as it says', async () => {
    const plain = byId(
      (await new Evaluator(ruleSet).context(facts)).evaluate('staff-quarter', '2018-Q2').results,
    );
    const ctx = await new Evaluator(extended).context(facts);
    const results = ctx.evaluate('staff-quarter', '2018-Q2').results;
    let subjectsWithLate = 0;
    for (const r of results) {
      const before = plain.get(r.subject.id) as Result;
      const late = lateIds(before.items).sort();
      const item = r.items.find((i) => i.rule === TALLY);
      if (late.length === 0) {
        expect(item, r.subject.id).toBeUndefined();
        continue;
      }
      subjectsWithLate++;
      expect(item, r.subject.id).toMatchObject({ count: late.length, points: -0.25 * late.length });
      expect(item?.factIds).toEqual(late);
      expect(r.explanation?.deductions).toBeCloseTo(
        (before.explanation?.deductions as number) + 0.25 * late.length,
      );
    }
    expect(subjectsWithLate).toBeGreaterThan(3);
  });

  it('lists its entries and its half-month sums in the report that names it', async () => {
    const ctx = await new Evaluator(extended).context(facts);
    let shown = 0;
    for (const r of ctx.evaluate('staff-half-month-attendance', '2018-05-H1').results) {
      const late = lateIds(r.items.filter((i) => i.rule !== TALLY)).sort();
      const listed = r.items.find((i) => i.rule === TALLY);
      const counted = r.items.find((i) => i.rule === COUNT);
      expect(counted, r.subject.id).toMatchObject({ effect: 'measure', value: late.length });
      if (late.length === 0) expect(listed).toBeUndefined();
      else {
        expect(listed).toMatchObject({ count: late.length, factIds: late });
        shown++;
      }
    }
    expect(shown).toBeGreaterThan(0);
  });
});

/** The source of a top-level function of a file (up to the first line that closes it). */
function functionSource(text: string, name: string): string {
  const start = text.search(new RegExp(`\\nfunction ${name}\\(|\\nexport function ${name}\\(`));
  if (start < 0) throw new Error(`no function ${name}`);
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end);
}

describe('the per-fact path of the engine names no kind that takes facts', () => {
  const kinds = RULE_KINDS.filter((k) => k.engine.classified).map((k) => k.kind);
  const read = (file: string) => readFileSync(join(ROOT, 'src', 'engine', file), 'utf8');
  const evaluations = read('evaluations.ts');
  const sources: Record<string, string> = {
    'fact-index.ts': read('fact-index.ts'),
    'entry.ts': read('entry.ts'),
    'half-month-sums.ts': read('half-month-sums.ts'),
    'classify.ts': read('classify.ts'),
    'taking.ts': read('taking.ts'),
    'items.ts': read('items.ts'),
    'score.ts (tally)': functionSource(read('score.ts'), 'tally'),
    'score.ts (baseItem)': functionSource(read('score.ts'), 'baseItem'),
    'evaluations.ts (evaluateReport)': functionSource(evaluations, 'evaluateReport'),
    'evaluations.ts (measureItems)': functionSource(evaluations, 'measureItems'),
  };

  for (const [file, text] of Object.entries(sources))
    it(file, () => {
      expect(text.length).toBeGreaterThan(100);
      expect(kinds.filter((k) => text.includes(`'${k}'`))).toEqual([]);
    });

  it('(the kinds looked for are the ones that take facts)', () => {
    expect(kinds).toEqual(['fact-points', 'measure', 'ratio-points']);
  });
});
