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
      { find: /^strata\/portal$/, replacement: src('portal/index.ts') },
      { find: /^strata\/notices$/, replacement: src('notices/index.ts') },
      { find: /^strata$/, replacement: src('index.ts') },
    ],
  },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    // Examples start as child processes compiled by tsx: slow on a loaded 2-core machine.
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.no-codegen.test.ts', '**/node_modules/**', 'test/reliability/**'],
        },
      },
      {
        // Hostile input, limits, load and faults: real servers and sockets, one file at a time.
        extends: true,
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          fileParallelism: false,
          // STRATA_RELIABILITY=full runs the heavier profile (docs/reliability.md).
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The migration engine again where generating code is not allowed (Workers, hardened Node):
        // its interpreted plans must give exactly the compiled plans' results.
        extends: true,
        test: {
          name: 'no-codegen',
          include: ['src/migrate/**/*.test.ts', '**/*.no-codegen.test.ts'],
          execArgv: ['--disallow-code-generation-from-strings'],
        },
      },
      {
        // The differential properties against the reference interpreter again, on interpreted plans (the
        // reference itself validates with ajv, which needs code generation, so plans are forced instead).
        extends: true,
        test: {
          name: 'interpreted',
          include: ['test/reference/differential.test.ts', 'test/reference/defect-classes.test.ts'],
          env: { STRATA_INTERPRETED_PLANS: '1' },
        },
      },
    ],
  },
})
