// The auditor's decision log: every verdict answered (GET /v1/decisions), filtered and paged as
// the API pages it. Each line shows who asked, the question, the rule-set version and the answer.
import type { ConsolePage } from './page.js';

const PAGE_SIZE = 50;

const orUndefined = (v: string | null) => (v === null || v.trim() === '' ? undefined : v.trim());

export const DECISION_PAGES: ConsolePage[] = [
  {
    method: 'get',
    path: '/decisions',
    operation: 'listDecisions',
    handle: async ({ service, query }) => {
      const filter = {
        subject: orUndefined(query.get('subject')),
        from: orUndefined(query.get('from')),
        to: orUndefined(query.get('to')),
      };
      const cursor = orUndefined(query.get('cursor'));
      const page = await service.decisions({ ...filter, limit: PAGE_SIZE, cursor });
      const next = page.next
        ? `?${new URLSearchParams({ ...definedOnly(filter), cursor: page.next }).toString()}`
        : null;
      return {
        view: 'decisions.njk',
        data: {
          filter,
          next,
          decisions: page.decisions.map((d) => ({ ...d, json: JSON.stringify(d, null, 2) })),
        },
      };
    },
  },
];

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}
