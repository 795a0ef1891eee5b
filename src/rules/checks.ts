// Semantic checks over a schema-valid rule set: everything a schema cannot say. Each problem
// points at the place to fix. The checks only read; they never throw on odd but valid data.
import { checkConditionFields } from './check-conditions.js';
import { checkFactTypes } from './check-fact-types.js';
import { checkParametersInForce } from './check-in-force.js';
import { checkParameters, paramUses } from './check-params.js';
import { checkReferences } from './check-references.js';
import type { Collected } from './collected.js';
import type { RuleError } from './errors.js';
import { ruleKindChecks } from './kind-checks.js';
import { nearest } from './nearest.js';
import { pointer } from './parse.js';
import { MANIFEST_CITING_PARTS } from './types.js';

export function semanticChecks(c: Collected): RuleError[] {
  const errors: RuleError[] = [];
  const provisionIds = new Set<string>();
  for (const p of c.provisions) {
    if (provisionIds.has(p.value.id)) {
      errors.push(
        p.file.error(`${p.pointer}/id`, 'duplicate-provision', `provision ${p.value.id} is listed twice`),
      );
    }
    provisionIds.add(p.value.id);
  }

  // Every place that cites provisions.
  const citations: { provisions: string[]; file: Collected['rules'][number]['file']; pointer: string }[] = [];
  const m = c.manifest;
  if (m) {
    for (const part of MANIFEST_CITING_PARTS) {
      citations.push({
        provisions: m.value[part].provisions,
        file: m.file,
        pointer: pointer(part, 'provisions'),
      });
    }
  }
  for (const r of c.rules)
    citations.push({ provisions: r.value.provisions, file: r.file, pointer: `${r.pointer}/provisions` });
  for (const p of c.parameters)
    citations.push({ provisions: p.value.provisions, file: p.file, pointer: `${p.pointer}/provisions` });
  for (const t of c.factTypes)
    citations.push({
      provisions: t.value.provisions ?? [],
      file: t.file,
      pointer: `${t.pointer}/provisions`,
    });
  for (const cited of citations) {
    cited.provisions.forEach((id, i) => {
      if (!provisionIds.has(id)) {
        errors.push(
          cited.file.error(
            `${cited.pointer}/${i}`,
            'unknown-provision',
            `provision ${id} does not exist in provisions.yaml${nearest(id, provisionIds)}`,
          ),
        );
      }
    });
  }
  for (const f of c.findingCodes) {
    if (!provisionIds.has(f.value.provision)) {
      errors.push(
        f.file.error(
          `${f.pointer}/provision`,
          'unknown-provision',
          `provision ${f.value.provision} does not exist in provisions.yaml`,
        ),
      );
    }
  }

  // Coverage: every provision is encoded by a rule or a manifest element.
  const covered = new Set<string>();
  if (m) for (const part of MANIFEST_CITING_PARTS) for (const id of m.value[part].provisions) covered.add(id);
  for (const r of c.rules) for (const id of r.value.provisions) covered.add(id);
  for (const p of c.provisions) {
    if (!covered.has(p.value.id)) {
      errors.push(
        p.file.error(
          `${p.pointer}/id`,
          'uncovered-provision',
          `provision ${p.value.id} is not encoded by any rule (coverage)`,
        ),
      );
    }
  }

  // Duplicate rule ids, across files.
  const firstRule = new Map<string, Collected['rules'][number]>();
  for (const r of c.rules) {
    const first = firstRule.get(r.value.id);
    if (first) {
      const at = first.file.position(`${first.pointer}/id`);
      errors.push(
        r.file.error(
          `${r.pointer}/id`,
          'duplicate-rule-id',
          `rule id ${r.value.id} is already used at ${first.file.display}:${at.line}:${at.col}`,
        ),
      );
    } else firstRule.set(r.value.id, r);
  }

  // Rule text must be the text of one of the provisions it cites.
  const texts = new Map(c.provisions.map((p) => [p.value.id, normalise(p.value.zh)]));
  for (const r of c.rules) {
    const text = normalise(r.value.text);
    const ok = r.value.provisions.some((id) => {
      const full = texts.get(id);
      return full !== undefined && (full.includes(text) || text.includes(full));
    });
    if (!ok && r.value.provisions.every((id) => texts.has(id))) {
      errors.push(
        r.file.error(
          `${r.pointer}/text`,
          'text-mismatch',
          `text is not the original text of ${r.value.provisions.join(' or ')} (compare provisions.yaml)`,
        ),
      );
    }
  }

  errors.push(...checkParameters(c, paramUses(c)));
  errors.push(...checkReferences(c));
  errors.push(...checkConditionFields(c));
  errors.push(...checkParametersInForce(c));
  for (const kind of ruleKindChecks().values()) errors.push(...(kind.ruleSetChecks?.(c) ?? []));
  errors.push(...checkFactTypes(c));
  return errors;
}

/** Punctuation and quote styles vary between copies of the text; the words must not. */
function normalise(text: string): string {
  return text.replace(/[\s"“”'‘’「」；;。，,：:、①②③（）()]/g, '');
}
