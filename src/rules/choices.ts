// The closed sets of values the engine interprets in string parameters. The loader checks every
// dated value of a parameter used in one of these places against its set, so a typo is a load error
// rather than a silent fallback to the other branch.
export const WINDOW_MODES = ['rolling', 'calendar'] as const;
export type WindowMode = (typeof WINDOW_MODES)[number];

export const TIE_POLICIES = ['include-all', 'exclude-all'] as const;
export type TiePolicy = (typeof TIE_POLICIES)[number];

/**
 * What a string parameter must name where it is used: one of a fixed list, or an evaluation the
 * rule set defines (`ranked`: a score evaluation with a ranking, for bottom-group streaks;
 * `tiered`: one that grades, for latest-result measures).
 */
export type Choice =
  | { values: readonly string[]; what: string }
  | { evaluation: 'ranked' | 'tiered' | 'any' };
