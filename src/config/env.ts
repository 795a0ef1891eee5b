// The service's configuration, read from the environment once at start. Every variable is checked
// and ALL problems are reported together (each naming the variable, the bad value and what is
// expected), so an operator fixes a deployment in one go.
import { existsSync, statSync } from 'node:fs';
import { LOG_LEVELS, type LogLevel } from '../log/logger.js';
import { type ApiKey, checkDistinct, keysFromFile, keysFromList } from './api-keys.js';

export interface ServeConfig {
  port: number;
  host: string;
  dataDir: string;
  rulesDir: string;
  mongodbUri?: string;
  mongodbDb: string;
  apiKeys: ApiKey[];
  logLevel: LogLevel;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** How stale this instance's list of published rule sets may be (other instances publish too). */
  rulesetRefreshMs?: number;
  /** MongoDB: how long a batch may stay pending before another instance may abort it. */
  batchLeaseMs?: number;
  /** SQLite: `synchronous` of the decision log's commits (FULL: durable across a power cut). */
  decisionLogSync?: 'FULL' | 'NORMAL';
}

export type ConfigResult = { ok: true; config: ServeConfig } | { ok: false; problems: string[] };

export const DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  HOST_WITHOUT_KEYS: '127.0.0.1',
  DATA_DIR: './data',
  RULES_DIR: './rules',
  MONGODB_DB: 'kaohe',
  LOG_LEVEL: 'info',
  BODY_LIMIT: '20mb',
  RULESETS_REFRESH_MS: '1000',
  BATCH_LEASE_MS: '30000',
  DECISION_LOG_SYNC: 'full',
} as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const HOST_FORM =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/;
const SIZE = /^(\d+)\s*(b|kb|mb|gb)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
// MongoDB forbids these in database names (and NUL, which an environment variable cannot hold).
const MONGO_DB_NAME = /^[^/\\. "$*<>:|?]{1,63}$/;

type Env = Record<string, string | undefined>;

/** A set variable's value; an empty string counts as unset (as shells and compose files produce). */
function read(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function parseSize(text: string): number | null {
  const m = SIZE.exec(text);
  if (!m) return null;
  return Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1);
}

export function loadConfig(env: Env = process.env): ConfigResult {
  const problems: string[] = [];
  const bad = (name: string, value: string, expected: string) =>
    problems.push(`${name}=${JSON.stringify(value)}: ${expected}`);

  const portText = read(env, 'PORT') ?? DEFAULTS.PORT;
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    bad('PORT', portText, 'expected a TCP port number 0–65535 (0 picks a free one)');

  const apiKeys: ApiKey[] = [];
  const keysFile = read(env, 'API_KEYS_FILE');
  if (keysFile !== undefined) {
    if (!existsSync(keysFile) || !statSync(keysFile).isFile())
      bad('API_KEYS_FILE', keysFile, 'expected a readable JSON file');
    else apiKeys.push(...keysFromFile(keysFile, problems));
  }
  const keysList = read(env, 'KAOHE_API_KEYS');
  if (keysList !== undefined) apiKeys.push(...keysFromList(keysList, problems));
  checkDistinct(apiKeys, problems);
  const keysGiven = keysFile !== undefined || keysList !== undefined;
  if (keysGiven && apiKeys.length === 0 && problems.length === 0) {
    // An empty key list would silently mean "no keys": every role for everyone.
    problems.push(
      'API_KEYS_FILE / KAOHE_API_KEYS: set, but no key is configured; list at least one key or unset both',
    );
  }

  const hostSet = read(env, 'HOST');
  const host = hostSet ?? (keysGiven ? DEFAULTS.HOST : DEFAULTS.HOST_WITHOUT_KEYS);
  if (!HOST_FORM.test(host))
    bad('HOST', host, 'expected an IP address or host name to listen on, e.g. 0.0.0.0 or 127.0.0.1');
  else if (!keysGiven && !LOOPBACK.has(host)) {
    bad(
      'HOST',
      host,
      'without API keys every request has every role, so the server only listens on 127.0.0.1, ::1 or localhost; configure API_KEYS_FILE or KAOHE_API_KEYS to listen elsewhere',
    );
  }

  const dataDir = read(env, 'DATA_DIR') ?? DEFAULTS.DATA_DIR;
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    bad('DATA_DIR', dataDir, 'expected a directory (it is created if missing)');
  const rulesDir = read(env, 'RULES_DIR') ?? DEFAULTS.RULES_DIR;
  if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory())
    bad('RULES_DIR', rulesDir, 'expected a directory of rule files (*.yaml)');

  const mongodbUri = read(env, 'MONGODB_URI');
  if (mongodbUri !== undefined && !/^mongodb(\+srv)?:\/\/[^\s]+$/.test(mongodbUri)) {
    // The URI may carry a password: show only its scheme.
    problems.push(
      `MONGODB_URI (starting ${JSON.stringify(mongodbUri.slice(0, 10))}): expected a mongodb:// or mongodb+srv:// URI`,
    );
  }
  const mongodbDb = read(env, 'MONGODB_DB') ?? DEFAULTS.MONGODB_DB;
  if (!MONGO_DB_NAME.test(mongodbDb))
    bad(
      'MONGODB_DB',
      mongodbDb,
      'expected a database name of 1–63 characters without / \\ . space " $ * < > : | ?',
    );

  const logLevel = (read(env, 'LOG_LEVEL') ?? DEFAULTS.LOG_LEVEL).toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    bad('LOG_LEVEL', logLevel, `expected one of ${LOG_LEVELS.join(', ')}`);

  const limitText = read(env, 'BODY_LIMIT') ?? DEFAULTS.BODY_LIMIT;
  const bodyLimit = parseSize(limitText);
  if (bodyLimit === null || bodyLimit < 1024 || bodyLimit > 1024 ** 3) {
    bad('BODY_LIMIT', limitText, 'expected a size from 1kb to 1gb, e.g. 20mb, 512kb or 1048576 (bytes)');
  }

  const refreshText = read(env, 'RULESETS_REFRESH_MS') ?? DEFAULTS.RULESETS_REFRESH_MS;
  const rulesetRefreshMs = /^\d{1,6}$/.test(refreshText) ? Number(refreshText) : Number.NaN;
  if (!(rulesetRefreshMs <= 600_000))
    bad('RULESETS_REFRESH_MS', refreshText, 'expected milliseconds from 0 to 600000, e.g. 1000');

  const leaseText = read(env, 'BATCH_LEASE_MS') ?? DEFAULTS.BATCH_LEASE_MS;
  const batchLeaseMs = /^\d{1,7}$/.test(leaseText) ? Number(leaseText) : Number.NaN;
  if (!(batchLeaseMs >= 1000 && batchLeaseMs <= 3_600_000))
    bad('BATCH_LEASE_MS', leaseText, 'expected milliseconds from 1000 to 3600000, e.g. 30000');

  const syncText = (read(env, 'DECISION_LOG_SYNC') ?? DEFAULTS.DECISION_LOG_SYNC).toLowerCase();
  if (syncText !== 'full' && syncText !== 'normal')
    bad('DECISION_LOG_SYNC', syncText, 'expected full or normal');

  if (problems.length > 0) return { ok: false, problems };
  const config: ServeConfig = {
    port,
    host,
    dataDir,
    rulesDir,
    mongodbDb,
    apiKeys,
    logLevel: logLevel as LogLevel,
    bodyLimit: bodyLimit as number,
  };
  // Only when set, so the default stays the service's own.
  if (read(env, 'RULESETS_REFRESH_MS') !== undefined) config.rulesetRefreshMs = rulesetRefreshMs;
  if (read(env, 'BATCH_LEASE_MS') !== undefined) config.batchLeaseMs = batchLeaseMs;
  if (read(env, 'DECISION_LOG_SYNC') !== undefined)
    config.decisionLogSync = syncText === 'normal' ? 'NORMAL' : 'FULL';
  if (mongodbUri !== undefined) config.mongodbUri = mongodbUri;
  return { ok: true, config };
}
