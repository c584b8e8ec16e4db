import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite: real Bacalhau v1.9.3 nodes on loopback, built from its Go
 * module by the global setup (or found in the cache / BACALHAU_BIN).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One file at a time: every file starts Bacalhau processes, and the machine has two cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // As in vitest.config.ts: the summary and failures only, unless BACALHAU_JOBS_VERBOSE=1.
    reporters: process.env['BACALHAU_JOBS_VERBOSE'] === '1' ? ['default'] : ['minimal'],
    silent: process.env['BACALHAU_JOBS_VERBOSE'] === '1' ? false : 'passed-only',
  },
});
