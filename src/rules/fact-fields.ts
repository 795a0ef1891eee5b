// The data fields each fact type may carry, read from the fact contract (schemas/fact.schema.json),
// so lint can tell a misspelt field in a `when` from one that is merely absent on some facts.
import { schemaDocuments } from '../schemas/loader.js';

/** Envelope fields a condition may name as `envelope.<field>` (not data: set for every fact type). */
export const ENVELOPE_FIELDS = ['source'] as const;
export const ENVELOPE_PREFIX = 'envelope.';

let cached: Map<string, Set<string>> | undefined;

/** fact type → the names of its `data` properties. */
export function factDataFields(): Map<string, Set<string>> {
  if (cached) return cached;
  const root = schemaDocuments().fact as { $defs?: Record<string, unknown> };
  const out = new Map<string, Set<string>>();
  for (const def of Object.values(root.$defs ?? {})) {
    const props = def as { properties?: { type?: { const?: unknown }; data?: { properties?: object } } };
    const type = props.properties?.type?.const;
    if (typeof type !== 'string') continue;
    out.set(type, new Set(Object.keys(props.properties?.data?.properties ?? {})));
  }
  cached = out;
  return out;
}
