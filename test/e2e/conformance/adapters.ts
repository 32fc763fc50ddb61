/**
 * The adapters the conformance suite runs against. A new adapter joins by adding a calendar example
 * that serves the program with it (`examples/calendar-<name>/main.ts`, exporting `createServer`) and
 * listing it here.
 */
export interface ConformanceTarget {
  /** The adapter, as test names show it. */
  readonly name: string
  /** The example that serves the calendar program on it (`npm run example -- <example>`). */
  readonly example: string
  /** Extra environment of the example's process. */
  readonly env?: Readonly<Record<string, string>>
}

export const adapters: readonly ConformanceTarget[] = [
  { name: 'fastify', example: 'calendar' },
  { name: 'node:http', example: 'calendar-node' },
  { name: 'hono', example: 'calendar-hono' },
  { name: 'express', example: 'calendar-express' },
  // Where generating code at start-up is not allowed (as on Workers): interpreted migration plans, the
  // router and the request validators that `strata validators` generated ahead of time.
  {
    name: 'hono without code generation',
    example: 'calendar-hono',
    env: { NODE_OPTIONS: '--disallow-code-generation-from-strings' },
  },
]

// Pinned so the deprecated version (sunset 2027-11-01) stays deprecated whenever the suite runs.
export const NOW = '2026-12-01T00:00:00Z'
