// The navigation bar: one entry per console area, shown to the roles of its API operation.
import type { NavEntry } from './page.js';

export const NAV: NavEntry[] = [
  { id: 'rounds', href: '/console/rounds', operation: 'listRounds' },
  { id: 'decisions', href: '/console/decisions', operation: 'listDecisions' },
  { id: 'rules', href: '/console/rules', operation: 'listProvisions' },
  { id: 'evaluations', href: '/console/evaluations', operation: 'listEvaluations' },
  { id: 'subjects', href: '/console/subjects', operation: 'getFacts' },
];
