// Revisions made the way a policy officer makes them: text edits to the rule files (as a map
// path → text, for a copy of rules/ or a POST /v1/rulesets body), nothing outside them.
import { readRuleDirectory } from '../../src/rules/source.js';
import { RULES_DIR } from '../http/support.js';

export type Files = Record<string, string>;

export function shippedFiles(): Files {
  return Object.fromEntries(readRuleDirectory(RULES_DIR).files.map((f) => [f.path, f.text]));
}

function edit(files: Files, path: string, from: RegExp | string, to: string): void {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`revision: ${String(from)} not found in ${path}`);
  files[path] = next;
}

export function setVersion(files: Files, version: string, from?: string): void {
  edit(files, 'ruleset.yaml', /^version: "[^"]*"/m, `version: "${version}"`);
  if (from) edit(files, 'ruleset.yaml', /^ {2}from: "2018-01-01"/m, `  from: "${from}"`);
}

/** Adds a dated value to a parameter's history (after its last value). */
export function addValue(files: Files, param: string, date: string, value: number | string): void {
  const escaped = param.replace(/\./g, '\\.');
  edit(
    files,
    'parameters.yaml',
    new RegExp(`(\\n {2}${escaped}:\\n(?: {4}.*\\n)*? {4}values:\\n(?: {6}".*\\n)+)`),
    `$1      "${date}": ${value}\n`,
  );
}

export interface NewCode {
  code: string;
  provision: string;
  zh: string;
  en: string;
  /** An existing code of the same rule: the new one is priced by that rule, beside it. */
  beside: string;
  /** The history of its points: date → points. */
  points: Record<string, number>;
}

/** A new staff finding code: in finding-codes.yaml, priced by a new parameter, counted by a rule. */
export function addCode(files: Files, c: NewCode): void {
  edit(
    files,
    'finding-codes.yaml',
    new RegExp(`(\\n {2}${c.beside}: .*\\n)`),
    `$1  ${c.code}: { provision: ${c.provision}, subject: staff, zh: ${c.zh}, en: ${c.en} }\n`,
  );
  const values = Object.entries(c.points)
    .map(([date, p]) => `      "${date}": ${p}\n`)
    .join('');
  edit(
    files,
    'parameters.yaml',
    /\n {2}# Other deductions and bonuses\n/,
    `\n  points.finding.${c.code}:\n    title: { zh: ${c.zh}（每次扣分）, en: points per finding of ${c.en} }\n    provisions: [${c.provision}]\n    unit: points\n    values:\n${values}  # Other deductions and bonuses\n`,
  );
  const rule = Object.keys(files).find((p) =>
    files[p]?.includes(`      ${c.beside}: points.finding.${c.beside}\n`),
  );
  if (!rule) throw new Error(`revision: no rule prices ${c.beside}`);
  edit(
    files,
    rule,
    `      ${c.beside}: points.finding.${c.beside}\n`,
    `      ${c.beside}: points.finding.${c.beside}\n      ${c.code}: points.finding.${c.code}\n`,
  );
}

/**
 * The README's worked revision (and the "done when"): from 2019-01-01 a new staff code
 * video-streaming under A5.1.6 costing 2, late 2, absent-from-post 3, a bottom group of 5, excellent
 * from 90, and three circulated criticisms within a year for A7.4.4.
 */
/** The finding code the worked revision adds (its points are the caller's). */
export const VIDEO_STREAMING = {
  code: 'video-streaming',
  provision: 'A5.1.6',
  zh: '观看视频',
  en: 'watching videos',
  beside: 'trading-software',
} as const;

export function workedRevision(): Files {
  const from = '2019-01-01';
  const files = shippedFiles();
  setVersion(files, '2019.1');
  addCode(files, { ...VIDEO_STREAMING, points: { [from]: 2 } });
  addValue(files, 'points.finding.late', from, 2);
  addValue(files, 'points.finding.absent-from-post', from, 3);
  addValue(files, 'ranking.bottomGroupSize', from, 5);
  addValue(files, 'tiers.staff.excellent', from, 90);
  addValue(files, 'returnToUnit.criticismCount', from, 3);
  return files;
}
