// The officer's view-models over the example centre: provisions read down to parameters and tests,
// a draft's errors on the lines of its text, its rule tests and impact, publishing, and the compare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annotatedLines,
  checkDraft,
  draftForm,
  excerpt,
  publishDraft,
} from '../../src/console/officer-draft.js';
import {
  comparePage,
  parametersNamed,
  provisionPage,
  provisionsPage,
} from '../../src/console/officer-views.js';
import { type ConsoleHarness, consoleHarness } from './support.js';

let centre: ConsoleHarness;
beforeAll(async () => {
  centre = await consoleHarness();
}, 120_000);
afterAll(() => centre.close());

describe('rule browser', () => {
  it('lists every provision with its Chinese text, its rules and how many rule tests cover them', async () => {
    const page = await provisionsPage(centre.service);
    const a511 = page.provisions.find((p) => p.id === 'A5.1.1');
    expect(a511?.zh).toContain('严禁迟到早退');
    expect(a511?.rules).toContain('conduct.attendance');
    expect(a511?.tests).toBeGreaterThan(0);
    expect(page.shown.version).toBe('2018.2');
  });

  it('shows a provision down to its parameters with their dated history and the tests of its rules', async () => {
    const page = await provisionPage(centre.service, 'A5.1.1', undefined, '2019-06-01');
    expect(page?.rules.map((r) => r.id)).toContain('conduct.attendance');
    const late = page?.parameters.find((p) => p.name === 'points.finding.late');
    expect(late?.zh).toBe('迟到（每次扣分）');
    expect(late?.values).toEqual([{ from: '2018-01-01', value: '1', current: true }]);
    expect(late?.via).toContain('conduct.attendance');
    expect(page?.tests.length).toBeGreaterThan(0);
    for (const t of page?.tests ?? []) expect(t.rules).toContain('conduct.attendance');
    expect(await provisionPage(centre.service, 'A99', undefined, '2019-06-01')).toBeNull();
  });

  it('names the parameters a rule refers to, not its id or text', async () => {
    const rule = {
      id: 'points.finding.late',
      kind: 'fact-points',
      text: 'points.finding.late',
      codes: { late: 'points.finding.late', x: 'not-a-parameter' },
    };
    const named = parametersNamed(rule as never, { 'points.finding.late': {} } as never);
    expect(named).toEqual(['points.finding.late']);
  });
});

describe('draft → errors → tests and impact → publish', () => {
  it('puts a loader error on the line and column of the edited text', () => {
    const lines = annotatedLines('a: 1\nb: x\n', 'p.yaml', [
      { file: 'p.yaml', line: 2, col: 4, code: 'schema', message: 'must be a number' },
      { file: 'other.yaml', line: 1, col: 1, code: 'schema', message: 'elsewhere' },
    ]);
    expect(lines[1]?.errors).toEqual([{ col: 4, code: 'schema', message: 'must be a number' }]);
    expect(lines[0]?.errors).toEqual([]);
  });

  it('shows the lines around each error and says how many it leaves out', () => {
    const text = Array.from({ length: 30 }, (_, i) => `l${i + 1}`).join('\n');
    const lines = annotatedLines(text, 'p.yaml', [
      { file: 'p.yaml', line: 15, col: 1, code: 'x', message: 'm' },
    ]);
    const shown = excerpt(lines, 2);
    expect(shown.map((l) => ('gap' in l ? `gap ${l.gap}` : l.n))).toEqual([
      'gap 12',
      13,
      14,
      15,
      16,
      17,
      'gap 13',
    ]);
  });

  it('checks a draft, shows its rule tests and impact, publishes it, and compares the two versions', async () => {
    const form = await draftForm(centre.service, undefined, 'parameters.yaml');
    expect(form.files).toContain('parameters.yaml');
    expect([form.from, form.to]).toEqual(['2018-01-01', '2018-12-31']);
    const marker =
      '  points.finding.early-leave:\n    title: { zh: 早退（每次扣分）, en: points per finding of early leave }\n    provisions: [A5.1.1]\n    unit: points\n    values:\n      "2018-01-01": 1\n';
    expect(form.text).toContain(marker);
    const base = { base: form.base, file: 'parameters.yaml', from: '2018-07-01', to: '2018-09-30' };

    // A provision that does not exist: the loader places the error on that line of parameters.yaml.
    const broken = form.text.replace(marker, marker.replace('[A5.1.1]', '[A5.1.99]'));
    const bad = await checkDraft(centre.service, { ...base, text: broken }, 10_000);
    expect(bad.valid).toBe(false);
    const line = broken.split('\n').findIndex((l) => l.includes('[A5.1.99]')) + 1;
    const marked = bad.lines.filter((l) => 'errors' in l && l.errors.length > 0) as { n: number }[];
    expect(marked.map((l) => l.n)).toContain(line);
    expect(bad.errors.find((e) => e.line === line)).toMatchObject({ file: 'parameters.yaml' });
    expect(bad.tests).toBeNull();

    const fixed = form.text.replace(marker, marker.replace('"2018-01-01": 1', '"2018-01-01": 3'));
    const good = await checkDraft(centre.service, { ...base, text: fixed }, 10_000);
    expect(good.valid).toBe(true);
    expect(good.tests?.passed).toBeGreaterThan(0);
    // The rule tests pin early leave at 1 point somewhere; a failure names the case's file:line.
    for (const c of good.tests?.cases.filter((x) => !x.passed) ?? []) expect(c.at).toMatch(/\.yaml:\d+$/);
    const q3 = good.impact?.evaluations.find((e) => e.kind === 'staff-quarter' && e.period === '2018-Q3');
    const s007 = q3?.changes.find((c) => c.subject === 'staff:S007');
    expect(s007?.parameters['points.finding.early-leave']).toEqual({ current: 1, revision: 3 });

    const published = await publishDraft(centre.service, { ...base, text: fixed });
    expect(published.published).toBe(true);
    const compare = await comparePage(centre.service, {
      current: form.base,
      revision: published.hash as string,
      kind: 'staff-quarter',
      period: '2018-Q3',
    });
    expect(compare.report?.definitions).toContainEqual({
      what: 'parameter',
      id: 'points.finding.early-leave',
      change: 'changed',
      current: '2018-01-01: 1',
      revision: '2018-01-01: 3',
    });
    expect(
      compare.report?.outcome?.changes.find((c) => c.subject === 'staff:S007')?.fields.score,
    ).toBeDefined();
  }, 120_000);
});
