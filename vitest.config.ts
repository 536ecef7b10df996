import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    // Integration suites start their own Dovecot; two cores, so keep it calm.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.SB_VITEST_JSON ? ['default', ['json', { outputFile: process.env.SB_VITEST_JSON }]] : ['default'],
  },
});
