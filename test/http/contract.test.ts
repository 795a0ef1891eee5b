// The documented parameters are exactly the accepted ones, for every route of GET /openapi.json:
// each documented query parameter (with its example value) is accepted, every other name (another
// route's parameter, another subject kind, a made-up one) is a 400 naming it, and so is a repeat.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { finding, forEachStore, type Harness, harness } from './support.js';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: { examples?: unknown[] };
}
type Operation = { parameters?: Parameter[]; requestBody?: unknown };

/** Values that only the service can make (a page cursor), by parameter name. */
const real: Record<string, string> = {};

const example = (p: Parameter) => {
  const value = real[p.name] ?? p.schema.examples?.[0];
  if (value === undefined) throw new Error(`parameter ${p.name} documents no example`);
  return encodeURIComponent(String(value));
};

forEachStore('documented parameters are the accepted ones', (kind) => {
  let h: Harness;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    h = await harness(kind);
    paths = (await h.http.get('/openapi.json').expect(200)).body.paths;
    await h.http
      .post('/v1/facts')
      .send({ facts: [finding('c1', 'S001', '2018-03-01'), finding('c2', 'S001', '2018-03-02')] })
      .expect(200);
    h.clock.advance(1000);
    real.cursor = (await h.http.get('/v1/facts?limit=1').expect(200)).body.next;
  });
  afterAll(async () => {
    await h.close();
  });

  const call = (method: string, path: string, query: string[]) => {
    const target = `${path.replace('{id}', 'ev-nope').replace('{hash}', 'f'.repeat(64))}?${query.join('&')}`;
    return method === 'get' ? h.http.get(target) : h.http.post(target).send({});
  };
  const rejected = (res: { status: number; body: { error?: { code: string; details: unknown[] } } }) =>
    res.status === 400 && res.body.error?.code === 'invalid-parameter'
      ? (res.body.error.details[0] as { parameter: string }).parameter
      : null;

  it('accepts each documented query parameter of every route, and rejects every other name', async () => {
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const everyName = new Set(['undocumented']);
    for (const { op } of operations)
      for (const p of op.parameters ?? []) if (p.in === 'query') everyName.add(p.name);
    let checked = 0;
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const params = (op.parameters ?? []).filter((p) => p.in === 'query');
      const required = params.filter((p) => p.required).map((p) => `${p.name}=${example(p)}`);
      for (const p of params) {
        const given = [...new Set([...required, `${p.name}=${example(p)}`])];
        expect(rejected(await call(method, path, given)), `${where} ?${given.join('&')}`).toBeNull();
        const twice = [...given, `${p.name}=${example(p)}`];
        expect(rejected(await call(method, path, twice)), `${where} ${p.name} twice`).toBe(p.name);
        checked++;
      }
      const all = params.map((p) => `${p.name}=${example(p)}`);
      expect(rejected(await call(method, path, all)), `${where} with all its parameters`).toBeNull();
      for (const name of everyName) {
        if (params.some((p) => p.name === name)) continue;
        const res = await call(method, path, [...required, `${name}=1`]);
        expect(rejected(res), `${where} ?${name}=1 → ${res.status}`).toBe(name);
        expect(res.body.error.message).toContain(name);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14); // facts 8, evaluations 2, provisions 1, a verdict 3
  });
});
