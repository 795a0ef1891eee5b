/** Why a period or date argument was rejected; callers may branch on `code`. */
export type PeriodErrorCode = 'invalid-period' | 'invalid-date' | 'cadence-mismatch';

export const PERIOD_FORMS =
  'YYYY (year), YYYY-Qn (quarter, n = 1–4), YYYY-MM (month) or YYYY-MM-H1 / YYYY-MM-H2 (half-month), ' +
  'with YYYY in 1900–9999';

export const DATE_FORM = 'a calendar date YYYY-MM-DD with YYYY in 1900–9999';

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
  constructor(
    readonly code: PeriodErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** JSON.stringify shows stray whitespace and non-strings unambiguously in messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function invalidPeriod(id: unknown, detail = `expected ${PERIOD_FORMS}`): PeriodError {
  return new PeriodError('invalid-period', `Invalid period id ${show(id)}: ${detail}`);
}

export function invalidDate(date: unknown, detail = `expected ${DATE_FORM}`): PeriodError {
  return new PeriodError('invalid-date', `Invalid date ${show(date)}: ${detail}`);
}
