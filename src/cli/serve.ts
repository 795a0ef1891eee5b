// `kaohe serve`: configuration from the environment (all problems at once, exit 2), then the HTTP
// service until SIGTERM/SIGINT (graceful, exit 0); SIGHUP publishes RULES_DIR again.

import { loadConfig } from '../config/env.js';
import { serveHelp } from '../config/help.js';
import { StartupError, startServer } from '../http/server.js';
import { errorFields } from '../log/logger.js';
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
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(result.config);
  } catch (error) {
    const message =
      error instanceof StartupError
        ? error.message
        : `cannot start: ${(error as Error).message ?? String(error)}`;
    console.error(`kaohe serve: ${message}`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      running.logger.info('signal received', { signal });
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          running.logger.error('shutdown failed', errorFields(error));
          resolve(1);
        },
      );
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    const onHup = () => {
      running.logger.info('signal received', { signal: 'SIGHUP' });
      void running.republish();
    };
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHup);
  });
}
