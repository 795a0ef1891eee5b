// The rule-kind table (src/kinds/) and the rules-file schema name the same kinds: a kind in one and
// not the other is either unvalidated or unevaluated. Each module's claims about its schema hold.
import { describe, expect, it } from 'vitest';
import { ruleKindEngines } from '../../src/engine/stages.js';
import { RULE_KINDS } from '../../src/kinds/index.js';
import { ruleKindChecks } from '../../src/rules/kind-checks.js';
import { schemaDocuments } from '../../src/schemas/registry.js';
import { ruleKindTestHooks } from '../../src/testing/hooks.js';

interface Def {
  required?: string[];
  properties?: Record<string, { const?: string }>;
}
const doc = schemaDocuments()['rules-file'] as unknown as {
  $defs: Record<string, Def> & {
    rule: {
      properties: { kind: { enum: string[] } };
      allOf: { if: { properties: { kind: { const: string } } }; then: { $ref: string } }[];
    };
  };
};
const defs = doc.$defs;
const schemaKinds = defs.rule.properties.kind.enum;
const dispatch = new Map(defs.rule.allOf.map((b) => [b.if.properties.kind.const, b.then.$ref]));
const tableKinds = RULE_KINDS.map((k) => k.kind as string);

describe('rule kinds: one module each, the same in the schema and the table', () => {
  it('every kind of the schema has a module in the table, and every module a kind in the schema', () => {
    expect(
      schemaKinds.filter((k) => !tableKinds.includes(k)),
      'in the schema, not in src/kinds',
    ).toEqual([]);
    expect(
      tableKinds.filter((k) => !schemaKinds.includes(k)),
      'in src/kinds, not in the schema',
    ).toEqual([]);
    expect(new Set(tableKinds).size).toBe(tableKinds.length);
    expect([...dispatch.keys()].sort()).toEqual([...schemaKinds].sort());
  });

  it("each module names the schema definition its kind is validated by, and that definition's kind", () => {
    for (const { kind, rules } of RULE_KINDS) {
      expect(dispatch.get(kind), kind).toBe(`#/$defs/${rules.schema}`);
      expect(defs[rules.schema]?.properties?.kind?.const, kind).toBe(kind);
    }
  });

  it('a module says its rules are tagged exactly when its schema requires a dimension and an area', () => {
    for (const { kind, rules } of RULE_KINDS) {
      const required = defs[rules.schema]?.required ?? [];
      expect(rules.tagged, kind).toBe(required.includes('dimension') && required.includes('area'));
    }
  });

  it('the kinds whose rules the classifier feeds are those whose rules take facts of a type against a subject', () => {
    for (const { kind, rules, engine } of RULE_KINDS) {
      const props = defs[rules.schema]?.properties ?? {};
      expect(engine.classified === true, kind).toBe('factType' in props && 'subject' in props);
    }
  });

  it('every kind whose rules take facts says what its rules make of them (score or report items)', () => {
    for (const { kind, engine } of RULE_KINDS)
      if (engine.classified) expect(typeof engine.items, kind).toBe('function');
  });

  it('installKinds() (test/setup/kinds.ts, as the CLI at start) installs every module in each layer', () => {
    for (const installed of [ruleKindChecks(), ruleKindEngines(), ruleKindTestHooks()])
      expect([...installed.keys()]).toEqual(tableKinds);
    expect([...ruleKindEngines().values()].filter((k) => k.stage).map((k) => k.kind)).toEqual([
      'score',
      'annual-score',
      'report',
    ]);
  });
});
