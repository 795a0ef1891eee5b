// A rule set published through one instance is used by the others within RULESETS_REFRESH_MS
// (default 1 s, the bound the README states): their lists, their current version, evaluations.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { variantFiles } from '../http/rules-edit.js';
import { call, dropDatabase, type Instance, startInstance, testDatabase } from './support.js';

const uri = inject('mongodbUri');
const BOUND_MS = 1000; // the default RULESETS_REFRESH_MS

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Listed {
  rulesets: { version: string; hash: string }[];
}

describe.skipIf(uri === null)('rule sets published through one instance, used by all', () => {
  const mongodbUri = uri as string;
  const db = testDatabase('rulesets');
  const instances: Instance[] = [];

  beforeAll(async () => {
    for (const name of ['A', 'B', 'C']) instances.push(await startInstance(name, mongodbUri, db));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dropDatabase(mongodbUri, db);
  });

  it(`serves a version published elsewhere within ${BOUND_MS} ms, in lists, current and evaluations`, async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const before = await call<Listed>(b, 'GET', '/v1/rulesets');
    expect(before.body.rulesets).toHaveLength(1);
    // Ask B and C now, so that their list was read just before the publication.
    await call(c, 'GET', '/v1/rulesets/current');

    const published = await call<{ published: boolean; hash: string; version: string }>(
      a,
      'POST',
      '/v1/rulesets',
      { files: variantFiles({ version: '2018.9-multi', latePoints: 7 }) },
    );
    const acknowledged = performance.now();
    expect(published.status).toBe(201);
    expect(published.body.published).toBe(true);
    const { hash } = published.body;

    // Poll B until it lists the version: how soon it does is bounded by BOUND_MS.
    let seenAfter = Number.POSITIVE_INFINITY;
    while (performance.now() - acknowledged < BOUND_MS + 2000) {
      const asked = performance.now();
      const list = await call<Listed>(b, 'GET', '/v1/rulesets');
      if (list.body.rulesets.some((r) => r.hash === hash)) {
        seenAfter = asked - acknowledged;
        break;
      }
      await sleep(50);
    }
    expect(seenAfter).toBeLessThanOrEqual(BOUND_MS);

    // Past the bound, every request on every instance uses it without further polling.
    await sleep(Math.max(0, BOUND_MS - (performance.now() - acknowledged)) + 20);
    for (const instance of [b, c]) {
      const current = await call<{ hash: string; version: string }>(instance, 'GET', '/v1/rulesets/current');
      expect(current.body.hash, instance.name).toBe(hash);
      const evaluation = await call<{ ruleset: { hash: string } }>(instance, 'POST', '/v1/evaluations', {
        kind: 'staff-quarter',
        period: '2018-Q1',
      });
      expect(evaluation.status, JSON.stringify(evaluation.body)).toBe(201);
      expect(evaluation.body.ruleset.hash, instance.name).toBe(hash);
    }
  }, 120_000);

  it('publishing the same rule set through two instances at once stores it once', async () => {
    const [a, b] = instances as [Instance, Instance];
    const files = variantFiles({ version: '2018.10-twice', latePoints: 3 });
    const answers = await Promise.all([
      call<{ published: boolean; hash: string }>(a, 'POST', '/v1/rulesets', { files }),
      call<{ published: boolean; hash: string }>(b, 'POST', '/v1/rulesets', { files }),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 201]);
    expect(answers.map((x) => x.body.published).sort()).toEqual([false, true]);
    expect(answers[0]?.body.hash).toBe(answers[1]?.body.hash);
    await sleep(BOUND_MS + 20);
    for (const instance of instances) {
      const list = await call<Listed>(instance, 'GET', '/v1/rulesets');
      expect(list.body.rulesets.filter((r) => r.hash === answers[0]?.body.hash)).toHaveLength(1);
    }
  }, 120_000);
});
