// A service over the configured store: the one place an adapter gets a store from, so that the
// HTTP layer stays a client of the service and never touches the store itself.
import type { Logger } from '../log/logger.js';
import { openStore, type StoreConfig } from '../store/open.js';
import { KaoheService } from './kaohe-service.js';

export interface OpenServiceOptions {
  store: StoreConfig;
  /** The directory published at start and on SIGHUP. */
  rulesDir: string;
  logger: Logger;
  now?: () => Date;
  /** How stale the list of published rule sets may be (other instances publish too). */
  rulesetRefreshMs?: number;
}

export async function openService(options: OpenServiceOptions): Promise<KaoheService> {
  const store = await openStore(options.store);
  const { rulesDir, logger, now, rulesetRefreshMs } = options;
  return new KaoheService({ store, rulesDir, logger, now, rulesetRefreshMs });
}
