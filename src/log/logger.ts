// Structured logs through pino: one JSON object per line (level, time, pid, fields, msg), so that
// log shippers need no parsing rules. Credentials never reach a line: the API key headers are
// redacted wherever request headers are logged. Tests capture lines with memoryLogger.
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type Logger = PinoLogger;
export type LogFields = Record<string, unknown>;

/** Where request headers may appear in a line; the API key headers there are replaced. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default: stdout). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than pino's number: readable without a lookup table.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    // process.stdout, as before pino: synchronous for files and pipes on Linux, so no line is lost.
    options.destination ?? process.stdout,
  );
}

/** A logger that keeps its lines as objects (tests). */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: LogFields[] } {
  const lines: LogFields[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(JSON.parse(line) as LogFields) },
  });
  return Object.assign(logger, { lines });
}
