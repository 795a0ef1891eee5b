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

export function parseYamlFile(path: string, display: string, text: string): { file: ParsedFile; errors: RuleError[] } {
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
  const errors: RuleError[] = doc.errors.map((e) => {
    const p = e.linePos?.[0] ?? { line: 1, col: 1 };
    const code = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const what = e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
    return { file: display, line: p.line, col: p.col, code, message: `${what}: ${firstLine(e.message)}` };
  });
  for (const w of doc.warnings) {
    const p = w.linePos?.[0] ?? { line: 1, col: 1 };
    errors.push({ file: display, line: p.line, col: p.col, code: 'yaml-syntax', message: `YAML: ${firstLine(w.message)}` });
  }
  return { file, errors };
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
