import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root, where `bin/strata.js` lives. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** What a `strata` process printed, and its exit code. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `strata <args>` as a process from the repository root; a non-zero exit is a result, not a throw. */
export function strata(...args: string[]): Promise<CliRun> {
  return strataWith({}, ...args)
}

/** Runs `strata <args>` as `strata` does, with extra environment variables. */
export async function strataWith(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'bin/strata.js'), ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env } },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
