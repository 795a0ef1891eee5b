// The console's heaviest pages on the district (250 staff, a 250,000-fact year): a round's page
// with every result, the cells its notice would have, the evidence of each subject and, for the
// annual round, the review form with a grade and points row per staff member. Served by the whole
// app on a socket; the figures are the page's own Server-Timing (service calls, template), the
// median of 11 requests after a first one that builds the evaluation context.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/http/app.js';
import { memoryLogger } from '../src/log/logger.js';
import type { Fact } from '../src/model/fact.js';
import { projectRoot } from '../src/schemas/registry.js';
import { KaoheService } from '../src/service/kaohe-service.js';
import { openStore } from '../src/store/open.js';
import { DISTRICT, districtFacts } from './generate-district.js';

export interface ConsolePageBench {
  page: string;
  rows: number;
  serviceMs: number;
  renderMs: number;
  totalMs: number;
  htmlBytes: number;
}

const RUNS = 11;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timing(header: string | null, name: string): number {
  const m = new RegExp(`${name};dur=([0-9.]+)`).exec(header ?? '');
  return m ? Number(m[1]) : Number.NaN;
}

export async function benchConsole(): Promise<ConsolePageBench[]> {
  const clock = { t: Date.parse('2019-02-01T00:00:00.000Z') };
  const now = () => new Date(clock.t);
  const store = await openStore({ dataDir: ':memory:', now });
  const service = new KaoheService({
    store,
    rulesDir: join(projectRoot(), 'rules'),
    logger: memoryLogger('error'),
    now,
  });
  await service.start();
  const options = { ...DISTRICT, totalFacts: 250_000 };
  let batch: Fact[] = [];
  for (const f of districtFacts(options)) {
    batch.push(f);
    if (batch.length === 10_000) {
      await service.postFacts({ facts: batch });
      batch = [];
      clock.t += 1000;
    }
  }
  if (batch.length > 0) await service.postFacts({ facts: batch });
  clock.t += 60_000;
  const everyone = { name: 'bench', roles: ['inspector', 'assessment-group'] };
  const rounds = [
    await service.createRound(everyone, { kind: 'staff-quarter', period: `${options.year}-Q4` }),
    await service.createRound(everyone, { kind: 'staff-year', period: `${options.year}` }),
  ];
  const server = createServer(createApp({ service, auth: [], logger: memoryLogger('error') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const out: ConsolePageBench[] = [];
  try {
    for (const round of rounds) {
      const url = `${base}/console/rounds/${round.id}`;
      const first = await fetch(url);
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
      await first.text();
      const serviceTimes: number[] = [];
      const render: number[] = [];
      const total: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await fetch(url);
        const html = await res.text();
        total.push(performance.now() - t0);
        bytes = Buffer.byteLength(html);
        serviceTimes.push(timing(res.headers.get('server-timing'), 'service'));
        render.push(timing(res.headers.get('server-timing'), 'render'));
      }
      const evaluation = await service.getEvaluation(round.evaluation);
      out.push({
        page: `/console/rounds/${round.id}`,
        rows: (evaluation.results as unknown[]).length,
        serviceMs: median(serviceTimes),
        renderMs: median(render),
        totalMs: median(total),
        htmlBytes: bytes,
      });
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await service.close();
  }
  return out;
}
