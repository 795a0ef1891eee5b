import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    // Every test process installs the rule kinds (src/kinds/), as the CLI does at start.
    setupFiles: ['test/setup/kinds.ts'],
    // The MongoDB variants run on FerretDB, whose context builds took 15–22 s each for the example
    // centre at load average ~20 on the shared 2-core machine: a 30 s limit failed on load alone.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
