// GET /openapi.json validates as OpenAPI 3.1, names every route with its schemas from schemas/,
// and its $refs resolve; GET /healthz tells the store and the rule set in force.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES } from '../../src/http/access.js';
import { schemaDocuments } from '../../src/schemas/registry.js';
import { forEachStore, type Harness, harness } from './support.js';

forEachStore('openapi and health', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('GET /healthz answers ok, the store kind and the rule set in force', async () => {
    const res = await h.http.get('/healthz').expect(200);
    const current = (await h.http.get('/v1/rulesets/current')).body;
    expect(res.body).toEqual({
      status: 'ok',
      store: kind.name,
      ruleset: { version: current.version, hash: current.hash },
    });
  });

  it('GET /healthz answers 503 when the store does not answer, and logs why', async () => {
    const original = h.service.health.bind(h.service);
    h.service.health = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:27017');
    };
    try {
      const res = await h.http.get('/healthz');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
      expect(JSON.stringify(res.body)).not.toContain('10.0.0.7');
      expect(
        h.logger.lines.some(
          (l) =>
            l.msg === 'health check failed' &&
            String((l.err as { message?: string }).message).includes('10.0.0.7'),
        ),
      ).toBe(true);
    } finally {
      h.service.health = original;
    }
  });

  it('GET /openapi.json is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const res = await h.http.get('/openapi.json').expect(200);
    const doc = res.body;
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc)); // it resolves $refs in place
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const r of refs) expect(r).toMatch(/"\$ref":"#\/components\/schemas\//);
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$id"');
  });

  it('documents every route (verdicts per verdict of the rule set), with schemas from schemas/', async () => {
    const doc = (await h.http.get('/openapi.json')).body;
    for (const route of ROUTES) {
      if (route.operationId === 'getVerdict') continue;
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const verdict = doc.paths['/v1/verdicts/return-to-unit']?.get;
    expect(verdict.parameters.map((p: { name: string }) => p.name)).toEqual(['staff', 'date', 'asOf']);
    expect(verdict.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/verdict',
    });
    for (const name of Object.keys(schemaDocuments()))
      expect(doc.components.schemas[name], name).toBeDefined();
    const factsBody = doc.paths['/v1/facts'].post.requestBody.content['application/json'].schema;
    expect(factsBody).toEqual({ $ref: '#/components/schemas/requests.body.postFacts' });
    expect(doc.components.schemas['requests.body.postFacts'].oneOf).toEqual([
      { $ref: '#/components/schemas/fact' },
      { $ref: '#/components/schemas/fact-batch' },
    ]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/v1/facts'].get['x-roles']).toEqual(['officer', 'auditor']);
  });

  it('describes the rule set in force: its evaluation kinds with their period forms, its finding codes', async () => {
    const doc = (await h.http.get('/openapi.json')).body;
    const current = (await h.http.get('/v1/rulesets/current')).body;
    expect(doc.info['x-ruleset']).toEqual({ version: current.version, hash: current.hash });
    const schemas = doc.components.schemas;
    expect([...schemas['evaluation.kind'].enum].sort()).toEqual([
      'staff-half-month-attendance',
      'staff-month-circular',
      'staff-quarter',
      'staff-year',
      'window-quarter',
      'window-year',
    ]);
    expect(schemas['fact.findingCode'].enum).toHaveLength(35);
    expect(schemas['fact.findingCode']['x-finding-codes'].late).toEqual({
      provision: 'A5.1.1',
      subject: 'staff',
      zh: '迟到',
      en: 'late arrival',
    });
    const quarter = schemas['evaluation.body'].allOf.find(
      (c: { anyOf: { not?: { properties: { kind: { const: string } } } }[] }) =>
        c.anyOf[0]?.not?.properties.kind.const === 'staff-quarter',
    );
    expect(quarter.anyOf[1].properties.period.pattern).toBe('^\\d{4}-Q[1-4]$');
  });
});
