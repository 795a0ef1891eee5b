// The shapes of the designed cast (cast.ts, fillers.ts), shared with the fact emitters.

export const BOTTOM_N = 6; // docs/parameters.md default
export const ORDINARY_CAP = 7; // most net points an unscheduled staff member loses in a quarter

export interface Heavy {
  staff: string;
  quarter: string; // YYYY-Qn
  target: number; // net points lost in the quarter, exactly
  code?: string; // an integrity finding that is part of the target
  codeDay?: number; // its day, when designed; else a random day of the quarter
  role: 'designed' | 'filler' | 'tie';
}

/** A designed fact; `points` go into the ledger (default parameters). */
export interface Designed {
  type: string;
  kind: 'staff' | 'window';
  subject: string;
  day: number;
  data: Record<string, unknown>;
  source: 'assessment-group' | 'supervisory-organ' | 'attendance-system' | 'onsite-patrol' | 'video-patrol';
  points: number;
}

export interface Role {
  staff: string;
  provision: string;
  met: boolean;
  /** First date D on which the condition is met ("as things stood at the start of D"). */
  metFrom?: string;
  story: string;
}

export interface Cast {
  heavy: Heavy[];
  events: Designed[];
  roles: Role[];
  /** Staff whose records are designed; no filler duty, no retractions of their findings. */
  reserved: Set<string>;
}

export function quarterKey(year: number, q: number): string {
  return `${year}-Q${q}`;
}
