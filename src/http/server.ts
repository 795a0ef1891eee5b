// Starting and stopping the service: open the store, publish RULES_DIR, listen; on close stop
// accepting, let requests in flight finish, then close the store.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROLES } from '../config/api-keys.js';
import type { ServeConfig } from '../config/env.js';
import { createLogger, type Logger } from '../log/logger.js';
import { formatRuleError } from '../rules/errors.js';
import { projectRoot } from '../schemas/registry.js';
import type { KaoheService } from '../service/kaohe-service.js';
import { openService } from '../service/open.js';
import { createApp } from './app.js';

export interface StartOptions {
  now?: () => Date;
  logger?: Logger;
  /** How long close() waits for requests in flight before cutting connections. */
  drainMs?: number;
}

export interface RunningServer {
  server: Server;
  service: KaoheService;
  logger: Logger;
  url: string;
  /** Publishes RULES_DIR again (SIGHUP). */
  republish(): Promise<void>;
  close(): Promise<void>;
}

export class StartupError extends Error {}

function packageVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: string })
        .version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

export async function startServer(config: ServeConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const now = options.now;
  if (config.apiKeys.length === 0) {
    logger.warn(
      `NO API KEYS CONFIGURED: EVERY REQUEST HAS EVERY ROLE (${ROLES.join(', ')}). Listening on ${config.host} only. Set API_KEYS_FILE or KAOHE_API_KEYS before exposing this service.`,
    );
  }
  const service = await openService({
    store: {
      mongodbUri: config.mongodbUri,
      mongodbDb: config.mongodbDb,
      dataDir: config.dataDir,
      now,
      ...(config.batchLeaseMs === undefined ? {} : { leaseMs: config.batchLeaseMs }),
      ...(config.decisionLogSync === undefined ? {} : { decisionLogSync: config.decisionLogSync }),
    },
    rulesDir: config.rulesDir,
    logger,
    now,
    ...(config.rulesetRefreshMs === undefined ? {} : { rulesetRefreshMs: config.rulesetRefreshMs }),
  });
  const store = service.store;
  try {
    const outcome = await service.start();
    if (!service.hasRuleset) {
      throw new StartupError(
        `no rule set to serve: ${config.rulesDir} has ${outcome.errors.length} problem(s) and none was published before:\n${outcome.errors.map(formatRuleError).join('\n')}`,
      );
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }

  const app = createApp({
    service,
    auth: config.apiKeys,
    logger,
    bodyLimit: config.bodyLimit,
    version: packageVersion(),
  });
  const server = createServer(app);
  // Keep-alive sockets idle longer than a load balancer's (commonly 60 s) to avoid resets.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, store: store.kind, rulesDir: config.rulesDir }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: finishing requests in flight');
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), options.drainMs ?? 10_000);
      timer.unref();
      await drained;
      clearTimeout(timer);
      await service.close();
      logger.info('stopped');
    })();
    return closing;
  };
  const republish = async () => {
    try {
      const outcome = await service.publishDirectory();
      logger.info(
        {
          published: outcome.published,
          version: outcome.version,
          hash: outcome.hash,
          problems: outcome.errors.length,
        },
        'republished rule directory',
      );
    } catch (error) {
      logger.error({ err: error }, 'republishing failed');
    }
  };
  return { server, service, logger, url, republish, close };
}
