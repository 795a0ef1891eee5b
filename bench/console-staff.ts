// The heaviest console page, the auditor's staff page (every quarter's evaluation, the year's,
// the facts timeline and the verdicts on a date), served by the whole app from a store holding a
// district year: the first request (it builds the evaluation context over the stored facts) and
// the median of the next ones (context and evaluations cached, as on a running service).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/http/app.js';
import { memoryLogger } from '../src/log/logger.js';
import { projectRoot } from '../src/schemas/registry.js';
import { KaoheService } from '../src/service/kaohe-service.js';
import { openStore } from '../src/store/open.js';
import { DISTRICT, districtFacts } from './generate-district.js';

export interface StaffPageBench {
  facts: number;
  subject: string;
  firstMs: number;
  /** Medians of the later requests: the page's Server-Timing (service calls, template), and to the last byte. */
  serviceMs: number;
  renderMs: number;
  medianMs: number;
  htmlBytes: number;
}

const timing = (header: string | null, name: string) =>
  Number(new RegExp(`${name};dur=([0-9.]+)`).exec(header ?? '')?.[1] ?? Number.NaN);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchStaffPage(totalFacts = 250_000, runs = 21): Promise<StaffPageBench> {
  const options = { ...DISTRICT, totalFacts };
  const store = await openStore({ dataDir: ':memory:' });
  const logger = memoryLogger('error');
  const service = new KaoheService({ store, rulesDir: join(projectRoot(), 'rules'), logger });
  await service.start();
  let batch: unknown[] = [];
  for (const f of districtFacts(options)) {
    batch.push(f);
    if (batch.length === 10_000) {
      await service.postFacts({ facts: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await service.postFacts({ facts: batch });
  const server = createServer(createApp({ service, auth: [], logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const subject = 'staff:S001';
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/console/subjects/${subject}?date=${options.year + 1}-01-01`;
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(url);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`staff page answered ${res.status}: ${html.slice(0, 300)}`);
    const header = res.headers.get('server-timing');
    return {
      ms: performance.now() - t0,
      bytes: Buffer.byteLength(html),
      service: timing(header, 'service'),
      render: timing(header, 'render'),
    };
  };
  try {
    const first = await get();
    const later = [];
    for (let i = 0; i < runs; i++) later.push(await get());
    return {
      facts: totalFacts,
      subject,
      firstMs: first.ms,
      serviceMs: median(later.map((r) => r.service)),
      renderMs: median(later.map((r) => r.render)),
      medianMs: median(later.map((r) => r.ms)),
      htmlBytes: first.bytes,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await service.close();
  }
}
