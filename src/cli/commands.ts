import { UsageError } from './args.js';
import { compare, compareHelp } from './compare.js';
import { coverage, coverageHelp } from './coverage.js';
import { evaluate, evaluateHelp } from './evaluate.js';
import { lint, lintHelp } from './lint.js';
import { load, loadHelp } from './load.js';
import { publish, publishHelp } from './publish.js';
import { serve, serveHelp } from './serve.js';
import { runTests, testHelp } from './test.js';
import { verdictCommand, verdictHelp } from './verdict.js';

export interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

function guarded(run: (argv: string[]) => Promise<number>): (argv: string[]) => Promise<number> {
  return async (argv) => {
    try {
      return await run(argv);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`kaohe: ${error.message}`);
        return 2;
      }
      throw error;
    }
  };
}

export const commands: Record<string, Command> = {
  lint: { summary: 'check rule files; errors as file:line:col', help: lintHelp, run: guarded(lint) },
  test: { summary: 'run rule tests written as YAML data', help: testHelp, run: guarded(runTests) },
  coverage: { summary: 'provision → rules → tests table', help: coverageHelp, run: guarded(coverage) },
  evaluate: {
    summary: 'evaluate facts (NDJSON) for a kind and period',
    help: evaluateHelp,
    run: guarded(evaluate),
  },
  compare: {
    summary: 'what a rule revision would change, before it goes live',
    help: compareHelp,
    run: guarded(compare),
  },
  verdict: {
    summary: 'a return-to-unit verdict for one staff member on a date',
    help: verdictHelp,
    run: guarded(verdictCommand),
  },
  publish: {
    summary: 'render a notice offline from facts, marked as a draft (html, csv, xlsx)',
    help: publishHelp,
    run: guarded(publish),
  },
  serve: {
    summary: 'run the HTTP service (configured by environment variables)',
    help: serveHelp,
    run: guarded(serve),
  },
  load: {
    summary: 'post an NDJSON facts file (default: the example centre) to a running service',
    help: loadHelp,
    run: guarded(load),
  },
};
