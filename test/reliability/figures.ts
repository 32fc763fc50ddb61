import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fullProfile } from './profile.ts'

/** Where the suite leaves its measured figures; `scripts/reliability-figures.ts` renders them into docs/reliability.md. */
export const figuresDir = process.env.STRATA_FIGURES_DIR ?? join(tmpdir(), 'strata-reliability-figures')

/**
 * Records the figures one test measured (latencies, counts, memory), as JSON named after its part.
 *
 * @example
 * recordFigures('load', { p50Ms: 3, p99Ms: 12 })
 */
export function recordFigures(part: string, figures: Record<string, unknown>): void {
  mkdirSync(figuresDir, { recursive: true })
  const profile = fullProfile ? 'full' : 'short'
  writeFileSync(join(figuresDir, `${part}.json`), `${JSON.stringify({ part, profile, ...figures }, null, 2)}\n`)
}
