// Who may call what: every route of access.ts against every role (the table in the code is the
// table tested), missing and unknown keys, no-keys mode, 404/405, request ids and the request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiKey, ROLES, type Role } from '../../src/config/api-keys.js';
import { allows, ROUTES, type Route } from '../../src/http/access.js';
import { forEachStore, type Harness, harness } from './support.js';

const KEYS: ApiKey[] = ROLES.map((role) => ({
  key: `${role}-key-0123456789abcdef`,
  role,
  name: `test ${role}`,
}));
const keyOf = (role: Role) => (KEYS.find((k) => k.role === role) as ApiKey).key;

/** A concrete request for a route: a real path and a small valid body where one is needed. */
function request(h: Harness, route: Route, hash: string) {
  const path = route.path
    .replace(':id', 'ev-nope')
    .replace(':verdict', 'return-to-unit')
    .replace(':hash', hash)
    .replace(':asset', 'notice.css')
    .replace(':file', 'staff-quarter-2018-Q1-1');
  const query = route.operationId === 'getVerdict' ? '?staff=S001&date=2018-10-01' : '';
  const bodies: Partial<Record<Route['operationId'], object>> = {
    postFacts: {
      id: 'acl-1',
      type: 'finding',
      subject: { kind: 'staff', id: 'S001' },
      occurredOn: '2018-03-01',
      data: { code: 'late' },
    },
    postEvaluation: { kind: 'staff-quarter', period: '2018-Q1' },
    postVerdict: { kind: 'staff-quarter', period: '2018-Q1', facts: [] },
    validateRuleset: { files: { 'a.yaml': 'kind: rules\n' } },
    publishRuleset: { files: { 'a.yaml': 'kind: rules\n' } },
    rulesetImpact: { files: { 'a.yaml': 'kind: rules\n' } },
    postRound: { kind: 'staff-quarter', period: '2018-Q1' },
    reviewRound: { decision: 'approve' },
  };
  const req = route.method === 'get' ? h.http.get(path + query) : h.http.post(path + query);
  const body = bodies[route.operationId];
  return body ? req.send(body) : req;
}

forEachStore('access', (kind) => {
  describe('with API keys', () => {
    let h: Harness;
    let hash: string;
    beforeAll(async () => {
      h = await harness(kind, { keys: KEYS });
      hash = (await h.http.get('/v1/rulesets/current').set('X-API-Key', keyOf('auditor'))).body.hash;
    });
    afterAll(async () => {
      await h.close();
    });

    const matrix = ROUTES.flatMap((route) =>
      ROLES.map((role) => [route.method.toUpperCase(), route.path, role, allows(route, role)] as const),
    );
    it.each(matrix)('%s %s as %s → allowed: %s', async (method, path, role, allowed) => {
      const route = ROUTES.find((r) => r.method.toUpperCase() === method && r.path === path) as Route;
      const res = await request(h, route, hash).set('Authorization', `Bearer ${keyOf(role)}`);
      if (allowed) expect([401, 403], `${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
      else {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    });

    it.each(ROUTES.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
      '%s %s without a key / with an unknown key',
      async (_m, _p, route) => {
        const anonymous = await request(h, route, hash);
        const unknown = await request(h, route, hash).set('X-API-Key', 'unknown-key-0123456789');
        if (route.access === 'public') {
          // No publication exists in this store: the notice route answers 404, never 401.
          const ok = route.operationId === 'getPublication' ? 404 : 200;
          expect(anonymous.status).toBe(ok);
          expect(unknown.status).toBe(ok);
        } else {
          expect(anonymous.status).toBe(401);
          expect(anonymous.headers['www-authenticate']).toContain('Bearer');
          expect(unknown.status).toBe(401);
          expect(unknown.body.error.code).toBe('unauthenticated');
        }
      },
    );

    it('takes the key from X-API-Key or Authorization: Bearer, not both differing', async () => {
      const key = keyOf('auditor');
      expect((await h.http.get('/v1/provisions').set('X-API-Key', key)).status).toBe(200);
      expect((await h.http.get('/v1/provisions').set('Authorization', `bearer ${key}`)).status).toBe(200);
      expect((await h.http.get('/v1/provisions').set('Authorization', key)).status).toBe(401);
      expect(
        (
          await h.http
            .get('/v1/provisions')
            .set('Authorization', `Bearer ${key}`)
            .set('X-API-Key', keyOf('officer'))
        ).status,
      ).toBe(401);
    });

    it('never logs an API key: both key headers are redacted, the request line names the key', async () => {
      const officer = keyOf('officer');
      const auditor = keyOf('auditor');
      await h.http.get('/v1/provisions').set('X-API-Key', auditor).set('X-Request-Id', 'redact-1');
      await h.http.get('/v1/facts').set('Authorization', `Bearer ${officer}`).set('X-Request-Id', 'redact-2');
      const lines = h.logger.lines.filter((l) => l.requestId === 'redact-1' || l.requestId === 'redact-2');
      const received = lines.filter((l) => l.msg === 'request received');
      expect(received).toHaveLength(2);
      const headers = received.map((l) => (l.req as { headers: Record<string, unknown> }).headers);
      expect(headers[0]?.['x-api-key']).toBe('[redacted]');
      expect(headers[1]?.authorization).toBe('[redacted]');
      expect(headers[1]?.['x-request-id']).toBe('redact-2'); // other headers stay
      expect(lines.find((l) => l.msg === 'request' && l.requestId === 'redact-2')?.principal).toBe(
        'test officer',
      );
      const text = JSON.stringify(h.logger.lines);
      expect(text).not.toContain(officer);
      expect(text).not.toContain(auditor);
    });

    it('checks the key before reading the body (401 before 415)', async () => {
      const res = await h.http.post('/v1/facts').set('Content-Type', 'text/plain').send('x');
      expect(res.status).toBe(401);
    });
  });

  describe('without API keys', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness(kind);
    });
    afterAll(async () => {
      await h.close();
    });

    it.each(ROUTES.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
      '%s %s is open to every role',
      async (_m, _p, route) => {
        const res = await request(h, route, 'f'.repeat(64));
        expect([401, 403]).not.toContain(res.status);
      },
    );

    it('answers 405 with Allow for a known path and another method, 404 for an unknown route', async () => {
      const put = await h.http.put('/v1/facts').send({});
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('POST, GET, HEAD');
      expect(put.body.error.code).toBe('method-not-allowed');
      expect((await h.http.get('/v1/rulesets/validate')).status).toBe(405);
      expect((await h.http.post('/v1/rulesets/current').send({})).status).toBe(405);
      expect((await h.http.get('/v1/evaluations/ev-x/replay')).status).toBe(405);
      expect((await h.http.delete('/v1/evaluations/ev-x')).status).toBe(405);
      const unknown = await h.http.get('/v2/facts');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('no-such-route');
      expect((await h.http.get('/v1/facts/extra/segments')).status).toBe(404);
    });

    it('echoes a sane X-Request-Id, makes one otherwise, and logs one JSON line per request', async () => {
      const given = await h.http.get('/healthz').set('X-Request-Id', 'trace-123');
      expect(given.headers['x-request-id']).toBe('trace-123');
      const insane = await h.http.get('/healthz').set('X-Request-Id', 'bad id with spaces');
      expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const line = h.logger.lines.find((l) => l.requestId === 'trace-123' && l.msg === 'request');
      expect(line).toMatchObject({
        level: 'info',
        msg: 'request',
        method: 'GET',
        path: '/healthz',
        status: 200,
      });
      expect(typeof line?.durationMs).toBe('number');
      expect(typeof line?.time).toBe('string');
    });

    it('never sends a stack trace: an internal error is a 500 with the request id', async () => {
      const original = h.service.listRulesets.bind(h.service);
      h.service.listRulesets = () => {
        throw new Error('boom at /secret/path.ts:1');
      };
      try {
        const res = await h.http.get('/v1/rulesets').set('X-Request-Id', 'req-500');
        expect(res.status).toBe(500);
        expect(res.body).toEqual({
          error: { code: 'internal', message: expect.stringContaining('req-500'), details: [] },
        });
        expect(JSON.stringify(res.body)).not.toContain('secret');
        const logged = h.logger.lines.find((l) => l.requestId === 'req-500' && l.level === 'error');
        expect((logged?.err as { stack?: string } | undefined)?.stack).toContain('boom');
      } finally {
        h.service.listRulesets = original;
      }
    });
  });
});
