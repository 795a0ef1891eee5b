// Schemas of the answers that have no file in schemas/ (envelopes, pages, rule-set views), and the
// schemas/ documents rewritten as OpenAPI components: each document under its short name and each
// of its $defs as "<name>.<def>", every $ref pointing into components/schemas. Hoisting $defs keeps
// every reference one level deep, which OpenAPI tools that resolve $ref naively can follow.
import { schemaDocuments } from '../schemas/registry.js';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

function rewriteRef(value: string, self: string, idToName: Map<string, string>): string {
  const hash = value.indexOf('#');
  const base = hash < 0 ? value : value.slice(0, hash);
  const fragment = hash < 0 ? '' : value.slice(hash + 1);
  let target = self;
  if (base !== '') {
    const file = base.slice(base.lastIndexOf('/') + 1);
    target = idToName.get(base) ?? file.replace(/\.schema\.json$/, '');
  }
  const def = /^\/\$defs\/([^/]+)$/.exec(fragment);
  if (def) return `#/components/schemas/${target}.${def[1]}`;
  return `#/components/schemas/${target}${fragment}`;
}

function rewrite(node: unknown, self: string, idToName: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, self, idToName));
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    // $id would re-base relative references; the document's place in components replaces it.
    if (key === '$id' || key === '$schema') continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? rewriteRef(value, self, idToName)
        : rewrite(value, self, idToName);
  }
  return out;
}

export function componentSchemas(): Record<string, unknown> {
  const docs = schemaDocuments();
  const out: Record<string, unknown> = {};
  for (const [name, doc] of Object.entries(docs)) Object.assign(out, documentComponents(name, doc, docs));
  return { ...out, ...ENVELOPES };
}

/** One document as components: itself under `name`, each of its $defs as `name.def`. */
export function documentComponents(
  name: string,
  doc: Schema,
  docs: Record<string, { $id: string }> = schemaDocuments(),
): Record<string, unknown> {
  const idToName = new Map(Object.entries(docs).map(([n, d]) => [d.$id, n]));
  const { $defs, ...root } = doc;
  const out: Record<string, unknown> = { [name]: rewrite(root, name, idToName) };
  for (const [def, schema] of Object.entries(($defs ?? {}) as Schema))
    out[`${name}.${def}`] = rewrite(schema, name, idToName);
  return out;
}

const storedFact: Schema = {
  allOf: [ref('fact')],
  description: 'a fact as stored: the envelope plus recordedAt (transaction time)',
};

const effective: Schema = {
  type: 'object',
  required: ['from'],
  properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
};

const rulesetSummary: Schema = {
  type: 'object',
  required: ['version', 'hash', 'effective', 'publishedAt'],
  properties: {
    version: { type: 'string' },
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    effective,
    publishedAt: { type: 'string', format: 'date-time' },
  },
};

const ruleError: Schema = {
  type: 'object',
  required: ['file', 'line', 'col', 'code', 'message'],
  properties: {
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    col: { type: 'integer', minimum: 1 },
    code: { type: 'string' },
    message: { type: 'string' },
  },
};

export const ENVELOPES: Record<string, Schema> = {
  StoredFact: storedFact,
  FactPage: {
    type: 'object',
    required: ['facts', 'next'],
    properties: { facts: { type: 'array', items: ref('StoredFact') }, next: { type: ['string', 'null'] } },
  },
  FactsStored: {
    type: 'object',
    required: ['stored', 'duplicates'],
    properties: {
      stored: { type: 'integer', minimum: 0 },
      duplicates: { type: 'integer', minimum: 0 },
      recordedAt: { type: 'string', format: 'date-time' },
    },
  },
  EvaluationList: {
    type: 'object',
    required: ['evaluations'],
    properties: { evaluations: { type: 'array', items: ref('evaluation') } },
  },
  Replay: {
    type: 'object',
    required: ['identical', 'differences'],
    properties: {
      identical: { type: 'boolean' },
      differences: {
        type: 'array',
        maxItems: 100,
        items: {
          type: 'object',
          required: ['path', 'recorded', 'replayed'],
          properties: { path: { type: 'string', description: 'JSON pointer' }, recorded: {}, replayed: {} },
        },
      },
    },
  },
  VerdictOrEvaluation: {
    anyOf: [ref('verdict'), { $ref: '#/components/schemas/evaluation.verdictEvaluation' }],
  },
  RulesetSummary: rulesetSummary,
  RulesetList: {
    type: 'object',
    required: ['rulesets'],
    properties: { rulesets: { type: 'array', items: ref('RulesetSummary') } },
  },
  Ruleset: {
    allOf: [ref('RulesetSummary')],
    type: 'object',
    required: ['parameters', 'rules'],
    properties: { parameters: { type: 'object' }, rules: { type: 'array', items: { type: 'object' } } },
  },
  ImpactReport: {
    type: 'object',
    required: ['revision', 'from', 'to', 'asOf', 'steps', 'evaluations', 'verdicts', 'complete', 'next'],
    properties: {
      revision: { type: 'object', properties: { version: { type: 'string' }, hash: { type: 'string' } } },
      from: { type: 'string', format: 'date' },
      to: { type: 'string', format: 'date' },
      asOf: { type: 'string', format: 'date-time' },
      steps: {
        type: 'object',
        description: 'total steps of the range; first: where this answer began; done: how many it did',
      },
      evaluations: { type: 'array', items: ref('ImpactStep'), description: 'per evaluation kind and period' },
      verdicts: {
        type: 'array',
        items: ref('ImpactStep'),
        description: 'per verdict, on the first day of each quarter',
      },
      complete: { type: 'boolean' },
      cut: { type: 'object', description: 'present when the time budget stopped the report before its end' },
      next: { type: ['string', 'null'], description: 'the cursor to post to go on; null when complete' },
    },
  },
  ImpactStep: {
    type: 'object',
    required: ['current', 'changes'],
    properties: {
      kind: { type: 'string' },
      period: { type: 'string' },
      verdict: { type: 'string' },
      date: { type: 'string', format: 'date' },
      current: { type: 'object', description: 'the published version this step compares with' },
      changes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['subject', 'fields', 'provisions', 'parameters'],
          properties: {
            subject: { type: 'string', description: 'kind:id' },
            fields: { type: 'object', description: 'field → {current, revision}' },
            provisions: { type: 'array', items: { type: 'string' } },
            parameters: { type: 'object', description: 'parameter → {current, revision}' },
          },
        },
      },
    },
  },
  RuleError: ruleError,
  Validation: {
    type: 'object',
    required: ['valid', 'errors'],
    properties: { valid: { type: 'boolean' }, errors: { type: 'array', items: ref('RuleError') } },
  },
  Published: {
    type: 'object',
    required: ['published', 'version', 'hash'],
    properties: {
      published: { type: 'boolean', description: 'false when this content was already published' },
      version: { type: 'string' },
      hash: { type: 'string' },
      effective,
      publishedAt: { type: 'string', format: 'date-time' },
    },
  },
  Provisions: {
    type: 'object',
    required: ['provisions'],
    properties: {
      ruleset: { $ref: '#/components/schemas/evaluation.rulesetRef' },
      provisions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'zh', 'en', 'rules'],
          properties: {
            id: { type: 'string' },
            zh: { type: 'string' },
            en: { type: 'string' },
            rules: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'store', 'ruleset'],
    properties: {
      status: { const: 'ok' },
      store: { enum: ['sqlite', 'mongodb'] },
      ruleset: { anyOf: [{ $ref: '#/components/schemas/evaluation.rulesetRef' }, { type: 'null' }] },
    },
  },
};
