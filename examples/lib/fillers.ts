// Fillers complete each quarter's bottom group around the designed cast (see cast.ts).
import { BOTTOM_N, type Cast, type Heavy, quarterKey } from './plan.js';
import type { Rng } from './prng.js';
import type { Roster, StaffInfo } from './roster.js';
import { INTEGRITY_CODES } from './sink.js';

const FILLER_MIN = 11; // fillers lose 11–14 points (the tie pair exactly 10), designed streaks 16–24

/**
 * Fills each quarter's bottom group up to BOTTOM_N with "fillers": ordinary staff having one bad
 * quarter, never two within 4 quarters, so none of them meets A7.4.3. The last quarter gets one
 * extra filler and its two last fillers lose exactly the same points: a tie at the cut (all tied
 * staff are in the bottom group, so it has BOTTOM_N + 1 members).
 */
export function scheduleFillers(
  roster: Roster,
  cast: Cast,
  rng: Rng,
  stable: (s: StaffInfo | undefined) => boolean,
): void {
  const y0 = roster.years[0] as number;
  const quarters = roster.years.flatMap((y) =>
    [1, 2, 3, 4].map((q) => ({ key: quarterKey(y, q), index: (y - y0) * 4 + q - 1 })),
  );
  const pool = rng.shuffle(roster.staff.filter((s) => stable(s) && !cast.reserved.has(s.id)));
  const lastHeavy = new Map<string, number>();
  const fillers: Heavy[] = [];
  let pointer = 0;
  quarters.forEach(({ key, index }, i) => {
    const tie = i === quarters.length - 1;
    let need = BOTTOM_N - cast.heavy.filter((h) => h.quarter === key).length + (tie ? 1 : 0);
    const chosen: Heavy[] = [];
    for (let tries = 0; need > 0 && tries < pool.length; tries++) {
      const s = pool[pointer++ % pool.length] as StaffInfo;
      const prev = lastHeavy.get(s.id);
      if (prev !== undefined && index - prev < 4) continue;
      lastHeavy.set(s.id, index);
      chosen.push({ staff: s.id, quarter: key, target: rng.int(FILLER_MIN, 14), role: 'filler' });
      need--;
    }
    if (tie && need === 0 && chosen.length >= 2) {
      for (const h of chosen.slice(-2)) Object.assign(h, { target: FILLER_MIN - 1, role: 'tie' });
    }
    cast.heavy.push(...chosen);
    fillers.push(...chosen.filter((h) => h.role === 'filler'));
  });
  // The rare integrity findings (10 points each) go to fillers' bad quarters, spread over the data.
  const placed = new Set(cast.heavy.map((h) => h.code));
  const codes = INTEGRITY_CODES.filter((c) => !placed.has(c));
  codes.forEach((code, k) => {
    const h = fillers[Math.floor(((k + 0.5) * fillers.length) / codes.length)];
    if (h) h.code = code;
  });
}
