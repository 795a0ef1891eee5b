// The located pieces of a rule set while it loads: what the loader collects and the semantic
// checks read, kept apart from both so that neither imports the other.
import type { DeclaredFactType } from '../schemas/fact-extension.js';
import type { ParsedFile } from './parse.js';
import type { FindingCode, Manifest, Parameter, Provision, Rule, Scalar } from './types.js';

/** Located pieces of the rule set, for checks that must point back into the files. */
export interface Located<T> {
  value: T;
  file: ParsedFile;
  pointer: string;
}

export interface Collected {
  manifest?: Located<Manifest>;
  provisions: Located<Provision>[];
  parameters: Located<Parameter & { rawValues: Record<string, Scalar> }>[];
  findingCodes: Located<FindingCode>[];
  factTypes: Located<DeclaredFactType>[];
  rules: Located<Rule>[];
  files: Map<string, ParsedFile>;
}
