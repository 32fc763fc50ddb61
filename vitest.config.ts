import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    conditions: ['strata-source'],
    // Vite does not resolve a package's self-reference; examples and snippets import `strata` by name.
    alias: [
      { find: /^strata\/fastify$/, replacement: src('adapters/fastify/index.ts') },
      { find: /^strata\/client$/, replacement: src('client/index.ts') },
      { find: /^strata$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
  },
})
