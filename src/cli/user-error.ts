import { isStrataError } from '../error/index.ts'
import { isOpenApiInputError } from '../openapi/load/index.ts'
import { isPolicyConfigError } from '../openapi/policy/index.ts'
import { exitCodes } from './exit-codes.ts'
import type { CliIo } from './main.ts'

/**
 * A mistake in how the command was called or in what it was given (a missing app file, a bad
 * `--now`): printed as one line, exit code 2, never a stack trace.
 *
 * @example
 * throw new CliUserError('--now must be an RFC 3339 timestamp, got "tomorrow".')
 */
export class CliUserError extends Error {
  override readonly name = 'CliUserError'
}

/**
 * Runs one command's body and turns user errors (ours, unreadable OpenAPI, bad policy config, a
 * Strata configuration error raised while the app starts) into one line on stderr and exit 2.
 * Anything else is a bug and keeps its stack.
 *
 * @example
 * result.code = await runUserCommand('check', io, () => runCheck(flags, io))
 */
export async function runUserCommand(name: string, io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (error) {
    if (
      error instanceof CliUserError ||
      isOpenApiInputError(error) ||
      isPolicyConfigError(error) ||
      isStrataError(error)
    ) {
      io.stderr(`strata ${name}: ${error.message}\n`)
      return exitCodes.usage
    }
    throw error
  }
}

/**
 * Parses `--now`: an RFC 3339 timestamp or a `YYYY-MM-DD` date (midnight UTC); now when absent.
 *
 * @example
 * parseNow('2026-12-01T00:00:00Z') // Date
 */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date()
  const rfc3339 = /^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text)
  if (!rfc3339.test(text) || Number.isNaN(date.getTime())) {
    throw new CliUserError(`--now must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z, got '${text}'.`)
  }
  return date
}
