// A published notice as plain data: one row per result of the evaluation, in its order, with the
// roster's name, window and dispatching unit, and the cells the kind has (rank, score, bottom
// group, tiers, items by reason or by section). Wording comes from the rule set (notice title,
// publisher, code and tier labels, section names) and from the templates' labels; none is here.

import { rowRoster } from '../engine/context.js';
import type { FactIndex } from '../engine/fact-index.js';
import type { Item, Result } from '../engine/types.js';
import { parsePeriod } from '../periods/index.js';
import { type ProcedureRule, procedureOf } from '../rules/procedure.js';
import type { RuleSet } from '../rules/types.js';
import { formatNumber, formatPeriod, itemText, type Wording } from './format.js';

export interface Cell {
  field: string;
  text: string;
  /** The exact JSON value, for scrapers (rank, score, bottom-group, tier). */
  value?: string;
  lines?: string[];
}

export interface NoticeRow {
  subject: string;
  bottomGroup: boolean;
  cells: Cell[];
}

export interface Notice {
  title: string;
  centre: string;
  documentNumber: string;
  kind: string;
  period: string;
  periodLabel: string;
  publisher: string;
  draft: boolean;
  publication?: { id: string; publishedAt: string; supersedes?: string; supersededBy?: string };
  evaluation?: string;
  ruleset: { version: string; hash: string };
  columns: { field: string; label: string }[];
  rows: NoticeRow[];
}

export interface NoticeInput {
  ruleSet: RuleSet;
  evaluation: {
    id?: string;
    kind: string;
    period: string;
    ruleset: { version: string; hash: string };
    results: Result[];
  };
  /** The facts of the evaluation (roster, dates of items). */
  index: FactIndex;
  wording: Wording;
  publication?: Notice['publication'];
}

type Field = { field: string; label: string; cell: (r: Result) => Cell };

export function buildNotice(input: NoticeInput): Notice {
  const { ruleSet, evaluation, index, wording } = input;
  const procedure = procedureOf(ruleSet.rules, evaluation.kind);
  const manifest = ruleSet.manifest;
  const period = parsePeriod(evaluation.period);
  const group = manifest.scope.rosters.staff?.group;
  // The roster fact in force on the period's last day in the centre (the latest one without history).
  const roster = (key: string) => {
    const s = index.subjects.get(key);
    const fact = s && period ? rowRoster({ ruleSet }, s, period) : s?.roster;
    return fact?.data as Record<string, unknown> | undefined;
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  // fact id → day, read from each subject's index once, when its first item needs a date
  const dates = new Map<string, string>();
  const scanned = new Set<string>();
  const dateOf = (subject: string, id: string) => {
    if (!scanned.has(subject)) {
      scanned.add(subject);
      const facts = index.subjects.get(subject);
      const entries = facts?.entries ?? [];
      // Entries are sorted by day: only the period's are items of this evaluation.
      let lo = 0;
      let hi = entries.length;
      const first = period?.startDay ?? Number.NEGATIVE_INFINITY;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((entries[mid]?.day ?? 0) < first) lo = mid + 1;
        else hi = mid;
      }
      const last = period?.endDay ?? Number.POSITIVE_INFINITY;
      for (let i = lo; i < entries.length && (entries[i]?.day ?? 0) <= last; i++) {
        const e = entries[i];
        if (e) dates.set(e.id, e.date);
      }
      for (const list of facts?.records.values() ?? [])
        for (const r of list) dates.set(r.fact.id, r.fact.occurredOn);
    }
    return dates.get(id);
  };
  const label = (item: Item) => labelOf(ruleSet, procedure, item);
  const items = (r: Result, keep: (i: Item) => boolean): Cell['lines'] =>
    r.items
      .filter(keep)
      .map((i) => itemText(i, label(i), isShare(ruleSet, i.rule), (id) => dateOf(key(r), id)));

  const fields: Field[] = [
    {
      field: 'name',
      label: wording.columns.name,
      cell: (r) => ({ field: 'name', text: text(roster(key(r))?.name) }),
    },
    {
      field: 'window',
      label: wording.columns.window,
      cell: (r) => {
        const staffWindow = group ? text(roster(key(r))?.[group]) : '';
        const name = staffWindow ? text(roster(`window:${staffWindow}`)?.name) || staffWindow : '';
        return { field: 'window', text: name };
      },
    },
    {
      field: 'unit',
      label: wording.columns.unit,
      cell: (r) => ({
        field: 'unit',
        text: text(roster(key(r))?.dispatchingUnit ?? roster(key(r))?.department),
      }),
    },
  ];
  const results = evaluation.results;
  const bottomSize = bottomGroupSize(ruleSet, evaluation.kind, period?.start ?? '');
  const has = (f: (r: Result) => unknown) => results.some((r) => f(r) !== undefined);
  if (has((r) => r.rank))
    fields.push({
      field: 'rank',
      label: wording.columns.rank,
      cell: (r) => valueCell('rank', r.rank, String(r.rank ?? '')),
    });
  if (has((r) => r.score))
    fields.push({
      field: 'score',
      label: wording.columns.score,
      cell: (r) => valueCell('score', r.score, r.score === undefined ? '' : formatNumber(r.score)),
    });
  if (has((r) => r.bottomGroup))
    fields.push({
      field: 'bottom-group',
      label: wording.columns.bottomGroup,
      cell: (r) =>
        valueCell(
          'bottom-group',
          r.bottomGroup === true,
          r.bottomGroup ? wording.bottomGroupMark.replace('{n}', bottomSize) : '',
        ),
    });
  if (has((r) => r.tier)) {
    fields.push({
      field: 'proposed-tier',
      label: wording.columns.proposedTier,
      cell: (r) => {
        const proposed = r.tier?.decided ? r.tier.proposed : r.tier;
        return valueCell('proposed-tier', proposed?.id, proposed?.label ?? '');
      },
    });
    fields.push({
      field: 'tier',
      label: wording.columns.tier,
      cell: (r) =>
        valueCell(
          'tier',
          r.tier?.id,
          r.tier ? `${r.tier.label}${r.tier.decided ? wording.decidedMark : ''}` : '',
        ),
    });
  }
  if (procedure?.sections) {
    procedure.sections.forEach((section, i) => {
      const rules = new Set(section.rules.map((x) => x.rule));
      fields.push({
        field: `section-${i + 1}`,
        label: section.zh,
        cell: (r) =>
          linesCell(
            `section-${i + 1}`,
            items(r, (it) => rules.has(it.rule)),
          ),
      });
    });
  } else {
    fields.push({
      field: 'deductions',
      label: wording.columns.deductions,
      cell: (r) =>
        linesCell(
          'deductions',
          items(r, (i) => i.effect === 'deduction' || i.effect === 'liability'),
        ),
    });
    if (results.some((r) => r.items.some((i) => i.effect === 'bonus' || i.effect === 'adjustment')))
      fields.push({
        field: 'bonuses',
        label: wording.columns.bonuses,
        cell: (r) =>
          linesCell(
            'bonuses',
            items(r, (i) => i.effect === 'bonus' || i.effect === 'adjustment'),
          ),
      });
  }
  const rows = results.map((r) => ({
    subject: key(r),
    bottomGroup: r.bottomGroup === true,
    cells: fields.map((f) => f.cell(r)),
  }));
  return {
    title: procedure?.notice.zh ?? evaluation.kind,
    centre: manifest.authority.issuing.zh,
    documentNumber: manifest.documentNumber,
    kind: evaluation.kind,
    period: evaluation.period,
    periodLabel: period ? formatPeriod(period, wording) : evaluation.period,
    publisher: procedure?.publisher.zh ?? '',
    draft: input.publication === undefined,
    ...(input.publication ? { publication: input.publication } : {}),
    ...(evaluation.id ? { evaluation: evaluation.id } : {}),
    ruleset: evaluation.ruleset,
    columns: [
      { field: 'index', label: wording.columns.index },
      ...fields.map(({ field, label }) => ({ field, label })),
    ],
    rows: rows.map((row, i) => ({ ...row, cells: [{ field: 'index', text: String(i + 1) }, ...row.cells] })),
  };
}

const key = (r: Result) => `${r.subject.kind}:${r.subject.id}`;

function valueCell(field: string, value: unknown, text: string): Cell {
  return value === undefined
    ? { field, text }
    : { field, text, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function linesCell(field: string, lines: string[] | undefined): Cell {
  return { field, text: (lines ?? []).join('；'), lines: lines ?? [] };
}

function labelOf(ruleSet: RuleSet, procedure: ProcedureRule | undefined, item: Item): string {
  if (item.code) return ruleSet.findingCodes.get(item.code)?.zh ?? item.code;
  for (const section of procedure?.sections ?? []) {
    const entry = section.rules.find((x) => x.rule === item.rule);
    if (entry?.zh) return entry.zh;
  }
  return procedure?.labels?.[item.rule] ?? item.rule;
}

function isShare(ruleSet: RuleSet, ruleId: string): boolean {
  const rule = ruleSet.rulesById.get(ruleId);
  return rule?.kind === 'measure' && rule.aggregate === 'share';
}

/** The bottom-group size in force on the period's first day, from the kind's ranking rule. */
function bottomGroupSize(ruleSet: RuleSet, kind: string, start: string): string {
  const ranking = ruleSet.rules.find((r) => r.kind === 'ranking' && r.evaluation === kind);
  if (ranking?.kind !== 'ranking' || !ranking.bottomGroup) return '';
  const values = ruleSet.parameters.get(ranking.bottomGroup.size)?.values ?? [];
  return String(values.filter((v) => v.from <= start).at(-1)?.value ?? '');
}
