// Argument parsing shared by the commands (node:util parseArgs: no dependency needed).
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {}

export function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>, help: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${help}`);
  }
}

/** Throws a usage error naming the first required option that is missing. */
export function requireOptions(
  values: Record<string, unknown>,
  names: readonly string[],
  help: string,
): void {
  for (const name of names) {
    if (!values[name]) throw new UsageError(`--${name} is required\n\n${help}`);
  }
}

export function formatOption(value: string | undefined, allowed: string[], help: string): string {
  const v = value ?? allowed[0] ?? '';
  if (!allowed.includes(v))
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got ${v})\n\n${help}`);
  return v;
}
