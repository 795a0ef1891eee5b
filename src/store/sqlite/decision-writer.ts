// The decision log's writes on a worker thread with its own connection to the SQLite file. A
// commit with synchronous = FULL waits for an fsync; on the worker that wait holds no request up,
// and the verdicts answered meanwhile join the next group. WAL lets the two connections share the
// file; SQLite's write lock (busy_timeout) serializes the worker's commits with the main ones.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One decision as stored: id, at, subject, JSON body (serialized on the caller's thread). */
export type DecisionRow = [id: string, at: string, subject: string | null, body: string];

export const INSERT_DECISION = 'INSERT INTO decisions (id, at, subject, body) VALUES (?, ?, ?, ?)';

// Plain JavaScript run with `eval`, so that the same code runs from the TypeScript sources (tests)
// and from dist/, with no second entry file to build and find. Only dynamic import(): the code runs
// as CommonJS or as a module depending on the parent's flags (--input-type=module).
const WORKER_CODE = `
import('node:worker_threads').then(async ({ parentPort, workerData }) => {
  const { default: Database } = await import(workerData.driver);
  const db = new Database(workerData.file);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = ' + workerData.synchronous);
  db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
  const insert = db.prepare(workerData.insert);
  const append = db.transaction((rows) => {
    for (const r of rows) insert.run(r[0], r[1], r[2], r[3]);
  });
  parentPort.on('message', (m) => {
    if (m.close) {
      db.close();
      parentPort.close();
      return;
    }
    try {
      append.immediate(m.rows);
      parentPort.postMessage({ id: m.id });
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
    }
  });
});
`;

interface Waiting {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Running {
  worker: Worker;
  waiting: Map<number, Waiting>;
  exited: Promise<void>;
}

export class DecisionWriter {
  private running: Running | null = null;
  private nextId = 0;
  private closed = false;

  /** `pragmas`: the main connection's, so that commits and checkpoints behave alike on both. */
  constructor(
    private readonly file: string,
    private readonly pragmas: { synchronous: 'FULL' | 'NORMAL'; walAutocheckpoint: number },
  ) {}

  /** Resolves once the rows are committed (durable as `synchronous` makes commits). */
  append(rows: DecisionRow[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the decision log writer is closed'));
    const running = this.running ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Held while a write is pending (a CLI must not exit before it), released when idle.
      if (running.waiting.size === 0) running.worker.ref();
      running.waiting.set(id, { resolve, reject });
      running.worker.postMessage({ id, rows });
    });
  }

  /** Lets the pending writes finish, then closes the worker's connection. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.worker.ref();
    running.worker.postMessage({ close: true });
    await running.exited;
  }

  private start(): Running {
    const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: {
        driver,
        file: this.file,
        ...this.pragmas,
        insert: INSERT_DECISION,
      },
    });
    worker.unref();
    const waiting = new Map<number, Waiting>();
    const fail = (error: Error) => {
      if (this.running?.worker === worker) this.running = null; // the next append starts another
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    };
    worker.on('message', (m: { id: number; error?: string }) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (waiting.size === 0) worker.unref();
      if (m.error === undefined) w.resolve();
      else w.reject(new Error(`decision log write failed: ${m.error}`));
    });
    worker.on('error', fail);
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        fail(new Error(`the decision log writer stopped (exit code ${code})`));
        resolve();
      }),
    );
    const running = { worker, waiting, exited };
    this.running = running;
    return running;
  }
}
