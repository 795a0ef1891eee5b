// Notices as HTML (nunjucks, autoescaped), CSV (UTF-8 with BOM, for Excel) and XLSX (exceljs).
// The templates, the style sheet and the wording live in templates/, outside the code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import nunjucks from 'nunjucks';
import { parse } from 'yaml';
import type { Wording } from './format.js';
import type { Notice } from './notice.js';

export interface Templates {
  dir: string;
  env: nunjucks.Environment;
  wording: Wording;
  css: string;
}

/** templates/ of this package: the nearest one above this file (src/ in tests, dist/src/ built). */
export function defaultTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'templates', 'notice.njk'))) return join(dir, 'templates');
    dir = resolve(dir, '..');
  }
  throw new Error('templates/notice.njk not found above the program');
}

export function loadTemplates(dir = defaultTemplatesDir()): Templates {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), {
    autoescape: true,
    throwOnUndefined: false,
  });
  const wording = parse(readFileSync(join(dir, 'labels.yaml'), 'utf8')) as Wording;
  return { dir, env, wording, css: readFileSync(join(dir, 'notice.css'), 'utf8') };
}

export interface Link {
  href: string;
  label: string;
}

/** A page linking the served style sheet (cssHref), or carrying it inline (a file read offline). */
export function renderHtml(
  t: Templates,
  notice: Notice,
  links: { cssHref?: string; downloads: Link[]; inline?: boolean },
): string {
  const inlineCss = links.inline ? t.css : undefined;
  return t.env.render('notice.njk', { notice, labels: t.wording, ...links, inlineCss });
}

export interface PublicationLine {
  id: string;
  title: string;
  periodLabel: string;
  publisher: string;
  publishedAt: string;
  supersededBy?: string;
}

export function renderList(t: Templates, publications: PublicationLine[], cssHref: string): string {
  return t.env.render('publications.njk', { publications, labels: t.wording, cssHref });
}

/** The table as rows of text, header first; a draft says so in its first line. */
function table(notice: Notice, wording: Wording): string[][] {
  const head = notice.columns.map((c) => c.label);
  const rows = notice.rows.map((r) => r.cells.map((c) => c.text));
  const title = [
    `${notice.centre} ${notice.title}（${notice.periodLabel}）${notice.draft ? `【${wording.draft}】` : ''}`,
  ];
  return [title, head, ...rows];
}

// A cell a spreadsheet would read as a formula (=, +, @, or - before a non-digit) is quoted.
const FORMULA = /^(?:[=+@\t\r]|-(?!\d))/;
const safe = (s: string) => (FORMULA.test(s) ? `'${s}` : s);
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function renderCsv(t: Templates, notice: Notice): string {
  const lines = table(notice, t.wording).map((row) => row.map((c) => quote(safe(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function renderXlsx(t: Templates, notice: Notice): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(notice.publication?.publishedAt ?? 0);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(notice.period, {
    pageSetup: {
      paperSize: 9,
      orientation: notice.columns.length > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const [title = [], head = [], ...rows] = table(notice, t.wording);
  sheet.addRow(title);
  sheet.addRow(head).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safe));
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(...[head, ...rows].map((r) => [...(r[i] ?? '')].length));
    column.width = Math.min(60, Math.max(6, widest * 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
