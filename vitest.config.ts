import { defineConfig } from 'vitest/config';

/** BACALHAU_JOBS_VERBOSE=1: every file and slow test, console output of passing tests, the tests' tables. */
const verbose = process.env['BACALHAU_JOBS_VERBOSE'] === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The compiler-message test runs tsc; give it room on a shared 2-core machine.
    testTimeout: 60_000,
    // A passing run prints the summary only; a failing test prints in full, with its console output.
    reporters: verbose ? ['default'] : ['minimal'],
    silent: verbose ? false : 'passed-only',
  },
});
