// Every page of the console, in the order they are mounted (a static path before a
// parameterised sibling). A new area adds its module's list here and its entry to nav.ts.
import { AUDITOR_PAGES } from './auditor-pages.js';
import { OFFICER_PAGES } from './officer-pages.js';
import type { ConsolePage } from './page.js';
import { DECISION_PAGES } from './pages-decisions.js';
import { ROUND_STEP_PAGES } from './pages-round.js';
import { ROUND_PAGES } from './pages-rounds.js';
import { SESSION_PAGES } from './pages-session.js';

export const PAGES: readonly ConsolePage[] = [
  ...SESSION_PAGES,
  ...ROUND_PAGES,
  ...ROUND_STEP_PAGES,
  ...DECISION_PAGES,
  ...OFFICER_PAGES,
  ...AUDITOR_PAGES,
];
