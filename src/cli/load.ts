// `kaohe load`: posts an NDJSON facts file (default: the example centre) to a running service
// through POST /v1/facts, in batches, so that a fresh `npm start` can be tried on real data.
// Each batch is atomic and re-posting is idempotent: a load stopped halfway is finished by running
// it again (the stored facts come back as duplicates).
import { parse, UsageError } from './args.js';
import { readFactsOrReport } from './facts-file.js';

export const loadHelp = `Usage: kaohe load [--url http://127.0.0.1:3000] [--facts examples/centre/facts.ndjson] [--batch 1000] [--api-key key]

Posts the facts of an NDJSON file (one fact of docs/facts.md a line; default: the example centre,
examples/centre/facts.ndjson) to a running service (npm start) through POST /v1/facts, in batches
of --batch facts (1–10000, default 1000), in file order. The file is checked first, so nothing is
posted from a file with a bad line. A recordedAt on a line (an export of a store) is dropped: the
service records its own. Re-running is harmless: facts already stored count as duplicates.

--api-key (or the KAOHE_API_KEY environment variable) is sent as X-API-Key; an integrator's key is
needed when the service has keys configured.

Exit status: 0 when every batch is stored, 1 when the file is invalid, the service cannot be
reached or it refuses a batch (the batches before it stay stored), 2 on a usage error.`;

const DEFAULT_FACTS = 'examples/centre/facts.ndjson';

interface BatchAnswer {
  stored?: number;
  duplicates?: number;
  error?: { code?: string; message?: string; details?: unknown[] };
}

export async function load(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      url: { type: 'string' },
      facts: { type: 'string' },
      batch: { type: 'string' },
      'api-key': { type: 'string' },
    },
    loadHelp,
  );
  if (positionals.length > 0)
    throw new UsageError(`load takes no arguments (got ${positionals[0]})\n\n${loadHelp}`);
  const url = ((values.url as string | undefined) ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(url))
    throw new UsageError(`--url must be the service's base URL, e.g. http://127.0.0.1:3000 (got ${url})`);
  const size = Number((values.batch as string | undefined) ?? 1000);
  if (!Number.isInteger(size) || size < 1 || size > 10_000)
    throw new UsageError(`--batch must be a whole number from 1 to 10000 (got ${values.batch})`);
  const path = (values.facts as string | undefined) ?? DEFAULT_FACTS;
  const apiKey = (values['api-key'] as string | undefined) ?? process.env.KAOHE_API_KEY;

  const facts = readFactsOrReport(path);
  if (!facts) return 1;
  const posted = facts.map(({ recordedAt: _recordedAt, seq: _seq, ...fact }) => fact);
  let stored = 0;
  let duplicates = 0;
  for (let start = 0; start < posted.length; start += size) {
    const batch = posted.slice(start, start + size);
    const where = `facts ${start + 1}–${start + batch.length} of ${posted.length}`;
    let response: Response;
    try {
      response = await fetch(`${url}/v1/facts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
        body: JSON.stringify({ facts: batch }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      console.error(
        `kaohe: cannot reach the service at ${url} (${cause?.code ?? cause?.message ?? (error as Error).message}); is it running (npm start)?`,
      );
      return 1;
    }
    const answer = (await response.json().catch(() => ({}))) as BatchAnswer;
    if (!response.ok) {
      console.error(
        `kaohe: the service refused ${where} (${response.status} ${answer.error?.code ?? ''}): ${answer.error?.message ?? 'no message'}`,
      );
      for (const detail of (answer.error?.details ?? []).slice(0, 20))
        console.error(`  ${JSON.stringify(detail)}`);
      if (start > 0) console.error(`kaohe: the ${start} facts before them are stored; fix and run again`);
      return 1;
    }
    stored += answer.stored ?? 0;
    duplicates += answer.duplicates ?? 0;
  }
  const batches = Math.ceil(posted.length / size);
  console.log(
    `${path}: ${posted.length} facts posted to ${url} in ${batches} batch${batches === 1 ? '' : 'es'}: ${stored} stored, ${duplicates} duplicates`,
  );
  return 0;
}
