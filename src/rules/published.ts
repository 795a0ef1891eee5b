// A published rule set as data: everything it defines, in the order it was loaded, so a stored
// version is rebuilt exactly as published, without the loader, the schemas or the checks of a later
// release (which may refuse or read differently what was valid then). Its hash is verified.
import { contentHash } from '../explain/canonical.js';
import type { DeclaredFactType } from '../schemas/fact-extension.js';
import type { FindingCode, Manifest, Parameter, Provision, Rule, RuleSet, SourceRef } from './types.js';

/** Plain JSON: what a store keeps of a published version besides its files. */
export interface PublishedDefinition {
  format: 1;
  manifest: Manifest;
  provisions: Provision[];
  parameters: Parameter[];
  findingCodes: FindingCode[];
  /** absent when the rule set declares no fact type (so earlier definitions read the same) */
  factTypes?: DeclaredFactType[];
  rules: Rule[];
  sources: Record<string, SourceRef>;
}

/** The content the hash covers: reordering keys, files or rules, or reformatting, keeps it. */
export function hashOfContent(c: {
  manifest: Manifest;
  provisions: Iterable<Provision>;
  parameters: Iterable<Parameter>;
  findingCodes: Iterable<FindingCode>;
  factTypes?: Iterable<DeclaredFactType>;
  rules: Rule[];
}): string {
  // Declared fact types join the hashed content only when there are some: a rule set without
  // any keeps the hash it had before they existed.
  const factTypes = [...(c.factTypes ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
  return contentHash({
    manifest: c.manifest,
    provisions: [...c.provisions].sort((a, b) => (a.id < b.id ? -1 : 1)),
    parameters: [...c.parameters],
    findingCodes: [...c.findingCodes].sort((a, b) => (a.code < b.code ? -1 : 1)),
    ...(factTypes.length > 0 ? { factTypes } : {}),
    rules: c.rules,
  });
}

export function publishedDefinition(ruleSet: RuleSet): PublishedDefinition {
  return structuredClone({
    format: 1,
    manifest: ruleSet.manifest,
    provisions: [...ruleSet.provisions.values()],
    parameters: [...ruleSet.parameters.values()],
    findingCodes: [...ruleSet.findingCodes.values()],
    ...(ruleSet.factTypes ? { factTypes: [...ruleSet.factTypes.values()] } : {}),
    rules: ruleSet.rules,
    sources: Object.fromEntries(ruleSet.sources),
  });
}

export class PublishedDefinitionError extends Error {}

/** The rule set a definition describes; throws when it is not one this engine can read or its hash differs. */
export function ruleSetFromDefinition(
  definition: unknown,
  expectedHash: string,
  files: Record<string, string>,
): RuleSet {
  const d = definition as Partial<PublishedDefinition> | null;
  if (d?.format !== 1 || !d.manifest || !d.provisions || !d.parameters || !d.findingCodes || !d.rules)
    throw new PublishedDefinitionError(
      `stored rule set ${expectedHash}: not a published definition of format 1`,
    );
  const { manifest, provisions, parameters, findingCodes, factTypes, rules } = d as PublishedDefinition;
  const hash = hashOfContent({ manifest, provisions, parameters, findingCodes, factTypes, rules });
  if (hash !== expectedHash)
    throw new PublishedDefinitionError(`stored rule set ${expectedHash}: its definition hashes to ${hash}`);
  return {
    manifest,
    provisions: new Map(provisions.map((p) => [p.id, p])),
    parameters: new Map(parameters.map((p) => [p.name, p])),
    findingCodes: new Map(findingCodes.map((f) => [f.code, f])),
    ...(factTypes && factTypes.length > 0 ? { factTypes: new Map(factTypes.map((t) => [t.name, t])) } : {}),
    rules,
    rulesById: new Map(rules.map((r) => [r.id, r])),
    sources: new Map(Object.entries(d.sources ?? {})),
    hash,
    files,
  };
}
