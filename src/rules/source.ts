// The rule source port's file-system adapter: every *.yaml / *.yml file below a directory.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RuleSourceFile {
  path: string; // relative to the rule directory, forward slashes
  text: string;
}

export interface RuleSource {
  /** How the directory is shown in messages (e.g. "rules"). */
  displayDir: string;
  files: RuleSourceFile[];
}

export class RuleSourceError extends Error {
  readonly code = 'rule-source';
}

export function readRuleDirectory(dir: string, displayDir = dir): RuleSource {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RuleSourceError(`${displayDir}: not a directory of rule files`);
  }
  const files: RuleSourceFile[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        files.push({ path: relative(dir, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return { displayDir: displayDir.replace(/\/+$/, ''), files };
}
