import { describe, expect, it } from 'vitest';
import { AsOfGuard } from '../../src/service/deps.js';
import { differences, MAX_DIFFERENCES } from '../../src/service/diff.js';
import { EVALUATION_ID, evaluationId } from '../../src/service/ids.js';

describe('replay differences', () => {
  it('is empty for equal content whatever the key order', () => {
    expect(differences({ a: 1, b: [{ x: 1, y: 2 }] }, { b: [{ y: 2, x: 1 }], a: 1 })).toEqual([]);
  });

  it('names each differing leaf by JSON pointer (escaped), missing sides as null', () => {
    const recorded = { results: [{ score: 1, items: [] }], 'a/b': 1, 't~': 1 };
    const replayed = { results: [{ score: 2, items: [{ rule: 'r' }] }, { score: 3 }], 'a/b': 2, 't~': 1 };
    expect(differences(recorded, replayed)).toEqual([
      { path: '/a~1b', recorded: 1, replayed: 2 },
      { path: '/results/0/items/0', recorded: null, replayed: { rule: 'r' } },
      { path: '/results/0/score', recorded: 1, replayed: 2 },
      { path: '/results/1', recorded: null, replayed: { score: 3 } },
    ]);
  });

  it(`stops at ${MAX_DIFFERENCES}`, () => {
    const a = Array.from({ length: 500 }, (_, i) => i);
    const b = a.map((i) => i + 1);
    expect(differences(a, b)).toHaveLength(MAX_DIFFERENCES);
  });
});

describe('evaluation ids', () => {
  it('sort by time and never repeat', () => {
    const ids = [
      evaluationId(new Date('2018-01-01T00:00:00.000Z')),
      evaluationId(new Date('2018-01-01T00:00:00.000Z')),
      evaluationId(new Date('2018-01-01T00:00:00.001Z')),
      evaluationId(new Date('2030-01-01T00:00:00.000Z')),
    ];
    for (const id of ids) expect(id).toMatch(EVALUATION_ID);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('AsOfGuard', () => {
  it('makes an append wait until the clock has passed the last default asOf', async () => {
    let t = Date.parse('2020-01-01T00:00:00.000Z');
    const guard = new AsOfGuard(() => new Date(t));
    expect(guard.take()).toBe('2020-01-01T00:00:00.000Z');
    setTimeout(() => {
      t += 1;
    }, 5);
    const started = Date.now();
    await guard.beforeAppend();
    expect(t).toBe(Date.parse('2020-01-01T00:00:00.001Z'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3);
  });

  it('gives up on a frozen clock after a few milliseconds', async () => {
    const guard = new AsOfGuard(() => new Date('2020-01-01T00:00:00.000Z'));
    guard.take();
    const started = Date.now();
    await guard.beforeAppend();
    expect(Date.now() - started).toBeLessThan(200);
  });
});
