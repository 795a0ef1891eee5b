// `kaohe serve`: configuration from the environment (all problems at once, exit 2), then the HTTP
// service until SIGTERM/SIGINT (graceful, exit 0); SIGHUP publishes RULES_DIR again.

import { loadConfig } from '../config/env.js';
import { serveHelp } from '../config/help.js';
import { type RunningServer, StartupError, startServer } from '../http/server.js';
import { parse, UsageError } from './args.js';

export { serveHelp };

export async function serve(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {}, serveHelp);
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments (configure it by environment)\n\n${serveHelp}`);
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error(`kaohe serve: ${result.problems.length} configuration problem(s):`);
    for (const problem of result.problems) console.error(`  ${problem}`);
    console.error('\nRun `kaohe serve --help` for every variable, its default and meaning.');
    return 2;
  }
  // Signal handlers go in before the server starts: a SIGTERM or SIGINT that arrives while it starts
  // (or just after it listens) stops it gracefully instead of killing the process with the default action.
  let running: RunningServer | undefined;
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  // A terminal's Ctrl-C reaches node twice under `npm start` (from the terminal, then forwarded by
  // npm): the handlers stay until the store is closed, so a repeat cannot kill a graceful stop.
  let stopping = false;
  const onStop = (signal: string) => {
    if (stopping) {
      running?.logger.info({ signal }, 'signal received while stopping: already shutting down');
      return;
    }
    stopping = true;
    stop(signal);
  };
  const onTerm = () => onStop('SIGTERM');
  const onInt = () => onStop('SIGINT');
  const onHup = () => {
    if (!running || stopping) return;
    running.logger.info({ signal: 'SIGHUP' }, 'signal received');
    void running.republish();
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  process.on('SIGHUP', onHup);
  const release = () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
    process.off('SIGHUP', onHup);
  };
  try {
    running = await startServer(result.config);
  } catch (error) {
    release();
    const message =
      error instanceof StartupError
        ? error.message
        : `cannot start: ${(error as Error).message ?? String(error)}`;
    console.error(`kaohe serve: ${message}`);
    return 1;
  }
  const signal = await stopped;
  running.logger.info({ signal }, 'signal received');
  try {
    await running.close();
    return 0;
  } catch (error) {
    running.logger.error({ err: error }, 'shutdown failed');
    return 1;
  } finally {
    release();
  }
}
