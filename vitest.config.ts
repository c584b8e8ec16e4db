import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The compiler-message test runs tsc; give it room on a shared 2-core machine.
    testTimeout: 60_000,
  },
});
