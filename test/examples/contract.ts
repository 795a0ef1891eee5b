// docs/facts.md as tables, for checking generated facts without the service's schema registry. The
// test also checks these tables against docs/facts.md, the catalog integrators read.
import type { Fact } from '../../src/model/fact.js';

type Kinds = readonly ('staff' | 'window' | 'department')[];
const SW: Kinds = ['staff', 'window'];

/** type → allowed subject kinds, required data keys, optional data keys. */
export const TYPES: Record<string, { subject: Kinds; required: string[]; optional: string[] }> = {
  'roster.window': {
    subject: ['window'],
    required: ['name', 'department'],
    optional: ['openedOn', 'closedOn'],
  },
  'roster.staff': {
    subject: ['staff'],
    required: ['name', 'window', 'dispatchingUnit', 'joinedOn'],
    optional: ['leftOn', 'category'],
  },
  finding: { subject: SW, required: ['code'], optional: ['minutes', 'note'] },
  leave: { subject: ['staff'], required: ['days', 'kind'], optional: [] },
  complaint: { subject: SW, required: ['substantiated'], optional: ['note'] },
  rating: { subject: SW, required: ['satisfied'], optional: [] },
  cases: { subject: SW, required: ['count'], optional: ['overdue'] },
  'online-share': { subject: ['window'], required: ['online', 'total'], optional: [] },
  publicity: { subject: SW, required: ['kind'], optional: [] },
  'leader-onsite': { subject: ['window'], required: [], optional: ['note'] },
  education: { subject: ['staff'], required: [], optional: ['note'] },
  'circulated-criticism': { subject: ['staff'], required: ['organ'], optional: [] },
  sanction: { subject: ['staff'], required: ['kind'], optional: ['note'] },
  'serious-violation': { subject: ['staff'], required: ['note'], optional: [] },
  'score-adjustment': { subject: SW, required: ['points', 'reason', 'year'], optional: [] },
  'grade-decision': { subject: SW, required: ['period', 'grade', 'reason'], optional: [] },
  retraction: { subject: ['staff', 'window', 'department'], required: ['retracts', 'reason'], optional: [] },
};

export const WINDOW_CODES = [
  'equipment-moved-unregistered',
  'item-kept-outside-unapproved',
  'item-accepted-at-home-office',
  'item-changed-unapproved',
  'processed-outside-platform',
];
export const STAFF_CODES = [
  ...[
    'late',
    'early-leave',
    'absent-from-post',
    'unrelated-person-in-work-area',
    'untidy-desk',
    'improper-posture',
  ],
  ...[
    'work-phone-unanswered',
    'private-call-while-serving',
    'improper-dress',
    'unrelated-website',
    'trading-software',
  ],
  ...[
    'group-chatting',
    'wandering-posts',
    'smoking',
    'eating',
    'makeup-in-public',
    'uncivil-behaviour',
    'cold-attitude',
  ],
  ...['dispute-not-reported', 'noon-drinking', 'doors-windows-unlocked', 'power-left-on', 'equipment-lost'],
  ...['equipment-damaged', 'after-hours-entry-unregistered', 'accepted-gift', 'solicited-money'],
  ...['personal-expense-claimed', 'transactional-banquet', 'paid-intermediary'],
];
const SOURCES = [
  'onsite-patrol',
  'video-patrol',
  'attendance-system',
  'complaint-desk',
  'supervisory-organ',
  'assessment-group',
  'import',
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (s: unknown): boolean =>
  typeof s === 'string' && DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 500;
const count = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** Problems of one fact against docs/facts.md (envelope, subject kind, data keys and value shapes). */
export function contractProblems(f: Fact): string[] {
  const p: string[] = [];
  const envelope = Object.keys(f).filter(
    (k) => !['id', 'type', 'subject', 'occurredOn', 'occurredAt', 'source', 'data'].includes(k),
  );
  if (envelope.length > 0) p.push(`unknown envelope keys ${envelope.join(',')}`);
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(f.id)) p.push('bad id');
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(f.subject.id) || Object.keys(f.subject).length !== 2)
    p.push('bad subject');
  if (!isDate(f.occurredOn)) p.push('bad occurredOn');
  if (f.source !== undefined && !SOURCES.includes(f.source)) p.push('bad source');
  const t = TYPES[f.type];
  if (!t) return [...p, `unknown type ${f.type}`];
  if (!t.subject.includes(f.subject.kind)) p.push(`subject kind ${f.subject.kind} for ${f.type}`);
  for (const k of t.required) if (!(k in f.data)) p.push(`missing data.${k}`);
  for (const k of Object.keys(f.data))
    if (!t.required.includes(k) && !t.optional.includes(k)) p.push(`unknown data.${k}`);
  const d = f.data;
  const ok: Record<string, () => boolean> = {
    'roster.window': () =>
      text(d.name) &&
      text(d.department) &&
      (d.openedOn === undefined || isDate(d.openedOn)) &&
      (d.closedOn === undefined || isDate(d.closedOn)),
    'roster.staff': () =>
      text(d.name) &&
      text(d.window) &&
      text(d.dispatchingUnit) &&
      isDate(d.joinedOn) &&
      (d.leftOn === undefined || isDate(d.leftOn)) &&
      (d.category === undefined || ['civil-servant', 'contract'].includes(String(d.category))),
    finding: () => {
      const code = String(d.code);
      const kind = WINDOW_CODES.includes(code) ? 'window' : STAFF_CODES.includes(code) ? 'staff' : 'none';
      return (
        kind === f.subject.kind &&
        (d.minutes === undefined || (typeof d.minutes === 'number' && d.minutes >= 0))
      );
    },
    leave: () =>
      typeof d.days === 'number' &&
      d.days > 0 &&
      ['annual', 'sick', 'personal', 'other'].includes(String(d.kind)),
    complaint: () => typeof d.substantiated === 'boolean',
    rating: () => typeof d.satisfied === 'boolean',
    cases: () => count(d.count) && (d.overdue === undefined || count(d.overdue)),
    'online-share': () => count(d.online) && count(d.total) && (d.online as number) <= (d.total as number),
    publicity: () => ['article', 'commendation'].includes(String(d.kind)),
    'circulated-criticism': () => text(d.organ),
    sanction: () => ['party', 'administrative'].includes(String(d.kind)),
    'serious-violation': () => typeof d.note === 'string' && d.note.length > 0,
    'score-adjustment': () => typeof d.points === 'number' && text(d.reason) && Number.isInteger(d.year),
    'grade-decision': () =>
      /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-H[12])?)?$/.test(String(d.period)) && text(d.grade) && text(d.reason),
    retraction: () => /^[A-Za-z0-9._:-]{1,128}$/.test(String(d.retracts)) && text(d.reason),
  };
  if (ok[f.type] && !ok[f.type]?.()) p.push(`bad data for ${f.type}: ${JSON.stringify(d)}`);
  return p.map((m) => `${f.id}: ${m}`);
}

/** The type names and finding codes of docs/facts.md's tables, to compare with the lists above. */
export function parseFactsMd(md: string): { types: string[]; codes: Map<string, string> } {
  const types: string[] = [];
  const codes = new Map<string, string>();
  const section = (title: string) => md.split(`## ${title}`)[1]?.split('\n## ')[0] ?? '';
  for (const line of section('Types').split('\n')) {
    const m = /^\| `([a-z.-]+)` \|/.exec(line);
    if (m?.[1]) types.push(m[1]);
  }
  for (const line of section('Finding codes').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    for (const m of (cells[1] ?? '').matchAll(/`([a-z-]+)`/g))
      if (m[1] && cells[3]) codes.set(m[1], cells[3]);
  }
  return { types, codes };
}
