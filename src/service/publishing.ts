// Publishing rule sets: from RULES_DIR (at start and on SIGHUP) or from files an officer posts.
// Both go through the one loader; a broken source publishes nothing and the last good version
// keeps serving, while every problem is logged and returned as file:line:col.
import { formatRuleError, type RuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load.js';
import { type RuleSource, RuleSourceError, readRuleDirectory } from '../rules/source.js';
import type { Deps } from './deps.js';
import { invalid, unprocessable } from './errors.js';
import { isObject, show } from './input.js';
import type { PublishOutcome } from './rulesets.js';

const POSTED = 'posted';
const FILE_NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*\.ya?ml$/;
const MAX_FILES = 500;

export async function publishDirectory(deps: Deps, dir: string): Promise<PublishOutcome> {
  let source: RuleSource;
  try {
    source = readRuleDirectory(dir);
  } catch (error) {
    if (!(error instanceof RuleSourceError)) throw error;
    const errors: RuleError[] = [
      { file: `${dir}/`, line: 1, col: 1, code: 'rule-source', message: error.message },
    ];
    return reportBroken(deps, dir, errors);
  }
  const outcome = await deps.catalog.publish(source, dir);
  if (outcome.errors.length > 0) return reportBroken(deps, dir, outcome.errors);
  if (!outcome.published)
    deps.logger.info({ dir, version: outcome.version, hash: outcome.hash }, 'rule set unchanged');
  return outcome;
}

function reportBroken(deps: Deps, origin: string, errors: RuleError[]): PublishOutcome {
  const serving = deps.catalog.latest();
  deps.logger.error(
    {
      origin,
      serving: serving ? { version: serving.version, hash: serving.hash } : null,
      problems: errors.map(formatRuleError),
    },
    `rule set in ${origin} not published: ${errors.length} problem(s); still serving the last good version`,
  );
  return { published: false, version: null, hash: null, errors };
}

/** `{"files": {"a.yaml": "...", ...}}` as a rule source (names relative, .yaml/.yml, no ".."). */
export function postedSource(body: unknown): RuleSource {
  if (!isObject(body) || !isObject(body.files) || Object.keys(body).some((k) => k !== 'files')) {
    throw invalid(
      'invalid-body',
      `the body must be {"files": {"<name>.yaml": "<YAML text>", ...}} (got ${show(body)})`,
    );
  }
  const entries = Object.entries(body.files);
  if (entries.length === 0) throw invalid('invalid-body', 'files is empty: post at least one rule file');
  if (entries.length > MAX_FILES)
    throw invalid('invalid-body', `files holds ${entries.length} files; at most ${MAX_FILES}`);
  const details = entries.flatMap(([name, text]) => {
    if (!FILE_NAME.test(name)) {
      return [
        {
          path: `/files/${name}`,
          message: `file name ${show(name)} must be a relative path ending in .yaml or .yml`,
        },
      ];
    }
    return typeof text === 'string'
      ? []
      : [{ path: `/files/${name}`, message: 'the file text must be a string' }];
  });
  if (details.length > 0)
    throw invalid('invalid-body', `${details.length} posted file(s) are not usable`, details);
  const files = entries
    .map(([path, text]) => ({ path, text: text as string }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { displayDir: POSTED, files };
}

/** The loader's errors with the posted file names (the loader prefixes its display directory). */
export function postedErrors(errors: RuleError[]): RuleError[] {
  const prefix = `${POSTED}/`;
  return errors.map((e) => ({
    ...e,
    file: e.file.startsWith(prefix) ? e.file.slice(prefix.length) : e.file,
  }));
}

export function validateFiles(body: unknown): { valid: boolean; errors: RuleError[] } {
  const { errors } = loadRuleSet(postedSource(body));
  return { valid: errors.length === 0, errors: postedErrors(errors) };
}

export async function publishFiles(deps: Deps, body: unknown) {
  const outcome = await deps.catalog.publish(postedSource(body), 'request');
  if (outcome.errors.length > 0) {
    const errors = postedErrors(outcome.errors);
    throw unprocessable(
      'invalid-ruleset',
      `the posted rule set has ${errors.length} problem(s); nothing was published`,
      errors,
    );
  }
  const record = outcome.hash ? await deps.catalog.get(outcome.hash) : null;
  return {
    published: outcome.published,
    version: outcome.version,
    hash: outcome.hash,
    effective: record?.effective,
    publishedAt: record?.publishedAt,
  };
}
