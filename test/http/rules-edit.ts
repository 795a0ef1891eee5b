// Rule-set variants for tests: the shipped rules/ with a new version, another effective date or
// another parameter value, as the files of a POST /v1/rulesets body.
import { readRuleDirectory } from '../../src/rules/source.js';
import { RULES_DIR } from './support.js';

export function shippedFiles(): Record<string, string> {
  return Object.fromEntries(readRuleDirectory(RULES_DIR).files.map((f) => [f.path, f.text]));
}

export interface Variant {
  version: string;
  from?: string;
  /** New points per `late` finding. */
  latePoints?: number;
}

export function variantFiles(v: Variant): Record<string, string> {
  const files = shippedFiles();
  let manifest = (files['ruleset.yaml'] as string).replace(/^version: "[^"]*"/m, `version: "${v.version}"`);
  if (v.from) manifest = manifest.replace(/^ {2}from: "2018-01-01"/m, `  from: "${v.from}"`);
  files['ruleset.yaml'] = manifest;
  if (v.latePoints !== undefined) {
    files['parameters.yaml'] = (files['parameters.yaml'] as string).replace(
      /(points\.finding\.late:[\s\S]*?"2018-01-01": )1/,
      `$1${v.latePoints}`,
    );
  }
  return files;
}
