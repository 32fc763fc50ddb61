import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['strata-source'] },
  test: {
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
  },
})
