import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    conditions: ['strata-source'],
    // Vite does not resolve a package's self-reference; examples and snippets import `strata` by name.
    alias: [
      { find: /^strata\/fastify$/, replacement: src('adapters/fastify/index.ts') },
      { find: /^strata\/node$/, replacement: src('adapters/node/index.ts') },
      { find: /^strata\/hono$/, replacement: src('adapters/hono/index.ts') },
      { find: /^strata\/express$/, replacement: src('adapters/express/index.ts') },
      { find: /^strata\/internal$/, replacement: src('internal.ts') },
      { find: /^strata\/client$/, replacement: src('client/index.ts') },
      { find: /^strata\/usage$/, replacement: src('usage/index.ts') },
      { find: /^strata\/notices$/, replacement: src('notices/index.ts') },
      { find: /^strata$/, replacement: src('index.ts') },
    ],
  },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.no-codegen.test.ts', '**/node_modules/**'],
        },
      },
      {
        // The migration engine again where generating code is not allowed (Workers, hardened Node):
        // its interpreted plans must give exactly the compiled plans' results.
        extends: true,
        test: {
          name: 'no-codegen',
          include: ['src/migrate/**/*.test.ts'],
          execArgv: ['--disallow-code-generation-from-strings'],
        },
      },
    ],
  },
})
