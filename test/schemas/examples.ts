// One valid fact of every type of docs/facts.md, built on the envelope example of the catalog.
export const envelope = {
  id: 'att-20180305-S001',
  type: 'finding',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn: '2018-03-05',
  source: 'video-patrol',
  data: { code: 'private-call-while-serving' },
} as const;

const staff = { kind: 'staff', id: 'S001' };
const window = { kind: 'window', id: 'W01' };

function fact(type: string, subject: object, data: object, extra: object = {}) {
  return { id: `${type}-1`, type, subject, occurredOn: '2018-03-05', data, ...extra };
}

export const validFacts: Record<string, object> = {
  'roster.window': fact('roster.window', window, { name: '不动产登记窗口', department: '区自然资源局' }),
  'roster.staff': fact('roster.staff', staff, {
    name: '张三',
    window: 'W01',
    dispatchingUnit: '区自然资源局',
    joinedOn: '2018-01-02',
    leftOn: '2018-12-31',
    category: 'contract',
  }),
  finding: envelope,
  leave: fact('leave', staff, { days: 0.5, kind: 'sick' }, { source: 'attendance-system' }),
  complaint: fact(
    'complaint',
    window,
    { substantiated: true, note: '等候时间过长' },
    { source: 'complaint-desk' },
  ),
  rating: fact('rating', staff, { satisfied: false }),
  cases: fact('cases', window, { count: 0, overdue: 0 }),
  'online-share': fact('online-share', window, { online: 30, total: 50 }),
  publicity: fact('publicity', staff, { kind: 'commendation' }),
  'leader-onsite': fact('leader-onsite', window, {}, { occurredAt: '2018-03-05T09:00:00+08:00' }),
  education: fact('education', staff, { note: '批评教育' }, { source: 'assessment-group' }),
  'circulated-criticism': fact(
    'circulated-criticism',
    staff,
    { organ: '区纪委' },
    { source: 'supervisory-organ' },
  ),
  sanction: fact('sanction', staff, { kind: 'administrative' }),
  'serious-violation': fact('serious-violation', staff, { note: '造成恶劣影响' }),
  'score-adjustment': fact('score-adjustment', window, { points: -1.5, reason: '专项扣分', year: 2018 }),
  'grade-decision': fact('grade-decision', staff, {
    period: '2018',
    grade: '不称职',
    reason: '考核小组决定',
  }),
  retraction: fact(
    'retraction',
    { kind: 'department', id: '区自然资源局' },
    { retracts: 'x-1', reason: 'entered twice' },
  ),
};

/** A copy of `base` with `patch` applied: keys set, or removed when the value is undefined. */
export function withFields(base: object, patch: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete copy[k];
    else copy[k] = v;
  }
  return copy;
}

import { loadRuleSet } from '../../src/rules/load.js';
import { readRuleDirectory } from '../../src/rules/source.js';
import { vocabularyOfAny } from '../../src/rules/vocabulary.js';

/** The shipped rule set's finding codes, as the service holds posted facts to them. */
export function shippedVocabulary() {
  const { ruleSet } = loadRuleSet(readRuleDirectory('rules', 'rules'));
  if (!ruleSet) throw new Error('the shipped rules do not load');
  return vocabularyOfAny(ruleSet);
}
