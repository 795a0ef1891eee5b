// A service with the example centre loaded and one API key per role, served by the whole Express
// app (API and console), for the console's tests in Node and in the browser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiKey, ROLES, type Role } from '../../src/config/api-keys.js';
import { createApp } from '../../src/http/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { KaoheService } from '../../src/service/kaohe-service.js';
import { openStore } from '../../src/store/open.js';
import { centreFacts, RULES_DIR, testClock } from '../http/support.js';

export const KEYS: ApiKey[] = ROLES.map((role) => ({
  key: `${role}-console-key-0123456789`,
  role,
  name: `${{ inspector: '督查部 王科长', 'assessment-group': '考核小组 李组长', auditor: '审计 赵审计', officer: '规则管理 钱专员', integrator: '系统对接' }[role]}`,
}));
export const keyOf = (role: Role) => (KEYS.find((k) => k.role === role) as ApiKey).key;

export interface ConsoleHarness {
  service: KaoheService;
  server: Server;
  base: string;
  clock: ReturnType<typeof testClock>;
  close(): Promise<void>;
}

/** The centre's facts stored (or none), served with `keys` (none: open mode) on a free port. */
export async function consoleHarness(
  options: { keys?: ApiKey[]; facts?: boolean } = {},
): Promise<ConsoleHarness> {
  const clock = testClock('2020-01-01T00:00:00.000Z');
  const store = await openStore({ dataDir: ':memory:', now: clock.now });
  const logger = memoryLogger('error');
  const service = new KaoheService({ store, rulesDir: RULES_DIR, logger, now: clock.now });
  await service.start();
  if (options.facts !== false) {
    const facts = centreFacts();
    for (let i = 0; i < facts.length; i += 5000) {
      await service.postFacts({ facts: facts.slice(i, i + 5000) });
      clock.advance(1000);
    }
  }
  const server = createServer(createApp({ service, auth: options.keys ?? KEYS, logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    service,
    server,
    base,
    clock,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await service.close();
    },
  };
}
