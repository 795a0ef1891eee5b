// YAML parsing that keeps source positions, so any JSON pointer into a file's data can be turned
// back into line:col — for schema errors (Ajv gives pointers) and semantic ones alike.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { RuleError } from './errors.js';

export interface ParsedFile {
  /** Path relative to the rule directory, with forward slashes. */
  path: string;
  /** Path as shown in messages. */
  display: string;
  text: string;
  data: unknown;
  /** line:col of the value at `pointer` (or of its key with `atKey`), else of its nearest ancestor. */
  position(pointer: string, atKey?: boolean): { line: number; col: number };
  error(pointer: string, code: string, message: string, atKey?: boolean): RuleError;
}

export function parseYamlFile(
  path: string,
  display: string,
  text: string,
): { file: ParsedFile; errors: RuleError[] } {
  const lineCounter = new LineCounter();
  // uniqueKeys (default) reports duplicate keys; yaml 1.2 core schema keeps dates as strings.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const position = (pointer: string, atKey = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let found: { line: number; col: number } = { line: 1, col: 1 };
    const mark = (n: unknown) => {
      const range = (n as Node | null)?.range;
      if (range) found = at(range[0]);
    };
    mark(node);
    for (const segment of splitPointer(pointer)) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
        mark(node ?? keyNode);
        if (!node) break;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        node = item;
        mark(node);
      } else break;
    }
    if (atKey && keyNode) mark(keyNode);
    return found;
  };
  const file: ParsedFile = {
    path,
    display,
    text,
    data: doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined,
    position,
    error(pointer, code, message, atKey = false) {
      const p = position(pointer, atKey);
      return { file: display, line: p.line, col: p.col, code, message };
    },
  };
  // With prettyErrors off, yaml gives offsets (pos), not linePos. An offset at the indentation of a
  // line is moved to the token after it; an unclosed quote or bracket is shown where it opens, not
  // where the parser gave up (for a quote, often the end of the file).
  const tokenAt = (offset: number, message = '') => {
    let o = unclosedOpener(text, offset, message) ?? offset;
    while (text[o] === ' ' || text[o] === '\t') o++;
    return at(o);
  };
  // After a syntax error the parser's later complaints mostly follow from it: report the first one
  // (and every duplicate key, which never cascades).
  const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  const errors: RuleError[] = doc.errors
    .filter((e) => e.code === 'DUPLICATE_KEY' || e === syntax[0])
    .map((e) => {
      const p = tokenAt(e.pos[0], e.message);
      if (e.code === 'DUPLICATE_KEY') {
        const key = /^("[^"\n]*"|'[^'\n]*'|[^\s:,{}[\]]+)/.exec(text.slice(e.pos[0]))?.[1];
        const message = `duplicate key${key ? ` ${key}` : ''}: a key may appear only once in a mapping`;
        return { file: display, line: p.line, col: p.col, code: 'duplicate-key', message };
      }
      return {
        file: display,
        line: p.line,
        col: p.col,
        code: 'yaml-syntax',
        message: `YAML syntax error: ${firstLine(e.message)}`,
      };
    });
  for (const w of doc.warnings) {
    const p = tokenAt(w.pos[0]);
    errors.push({
      file: display,
      line: p.line,
      col: p.col,
      code: 'yaml-syntax',
      message: `YAML: ${firstLine(w.message)}`,
    });
  }
  return { file, errors };
}

/** Offset of the quote or bracket an "unclosed" syntax error is about, searching back from `offset`. */
function unclosedOpener(text: string, offset: number, message: string): number | undefined {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    let i = text.lastIndexOf(quote, offset - 1);
    // Skip escaped quotes inside the scalar: \" in double quotes, '' in single quotes.
    while (i > 0 && (quote === '"' ? text[i - 1] === '\\' : text[i - 1] === "'"))
      i = text.lastIndexOf(quote, i - (quote === '"' ? 1 : 2));
    return i >= 0 ? i : undefined;
  }
  const flow = /^Flow (sequence|map) in block collection/.exec(message)?.[1];
  if (!flow) return undefined;
  const [open, close] = flow === 'sequence' ? ['[', ']'] : ['{', '}'];
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open && depth-- === 0) return i;
  }
  return undefined;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
