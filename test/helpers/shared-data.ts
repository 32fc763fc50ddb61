import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The checkout's root; external test data lives beside it, in `../shared`. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Where a suite stands on one folder of `../shared`: run it, skip it, or fail because CI requires it. */
export interface SharedData {
  /** The folder, absolute. */
  readonly dir: string
  readonly present: boolean
  /** `.ci/run` sets `STRATA_REQUIRE_CORPUS=1`: a missing folder fails the run instead of skipping. */
  readonly required: boolean
}

/**
 * Locates `../shared/<relative>` (present when `marker` exists in it). Absent and not required: prints the
 * one-line skip message. The caller runs its suite with `describe.skipIf(!data.present)` and adds
 * `test.runIf(data.required && !data.present)` so that CI fails when the data is missing.
 *
 * @example
 * const corpus = sharedData('corpus/oasdiff', 'manifest.json')
 */
export function sharedData(
  relative: string,
  marker: string,
  options: { root?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): SharedData {
  const dir = path.resolve(options.root ?? repoRoot, '../shared', relative)
  const present = existsSync(path.join(dir, marker))
  const required = (options.env ?? process.env).STRATA_REQUIRE_CORPUS === '1'
  if (!present && !required) (options.log ?? console.log)(`${relative}: skipped, ../shared/${relative} is absent`)
  return { dir, present, required }
}
