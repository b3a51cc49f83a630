import { defineConfig } from 'vitest/config'

/**
 * `npm run reliability` (reliability/run.mjs): the reliability and security suite. One file at a
 * time (crash kills and the load test must not compete for the two cores), each recording its
 * figures for the runner's table.
 */
export default defineConfig({
  test: {
    include: ['reliability/**/*.reliability.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 10 * 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
