import { HttpProblem } from './problem.ts'

// Network failures of any client library, by Node's errno codes.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'])
// PostgreSQL SQLSTATEs: 08 connection exception, 53 insufficient resources (disk full, too many
// connections), 57P01-57P03 shutdown / cannot connect now, 57014 statement timeout.
const POSTGRES_STATE = /^(08...|53...|57P0[1-3]|57014)$/
// node-postgres and pg-pool report a lost server or an exhausted pool in words, without a code.
const POSTGRES_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Query read timeout',
]
// SQLite result codes (better-sqlite3 puts them in `code`): a read-only or full disk, I/O failure,
// a database that cannot be opened, or one locked past its busy timeout.
const SQLITE_CODES = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED)(_|$)/

/**
 * Whether an error says a dependency is unavailable (a database or store down, full, read-only or
 * saturated) rather than that the request or the code is wrong: such a request may succeed later.
 *
 * @example
 * isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) // true
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || POSTGRES_STATE.test(code) || SQLITE_CODES.test(code)) return true
  }
  if (typeof message === 'string' && POSTGRES_MESSAGES.some((words) => message.includes(words))) return true
  const cause = (error as { cause?: unknown }).cause
  return cause !== undefined && cause !== error && isDependencyUnavailable(cause)
}

/**
 * The 503 SERVICE_UNAVAILABLE problem for a request a dependency could not serve, with `Retry-After`.
 *
 * @example
 * if (isDependencyUnavailable(error)) throw unavailableProblem()
 */
export function unavailableProblem(options: { retryAfterSeconds?: number; message?: string } = {}): HttpProblem {
  const seconds = options.retryAfterSeconds ?? 1
  return new HttpProblem({
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    message: options.message ?? 'The service cannot reach its storage right now; nothing was changed',
    suggestion: 'Retry after the number of seconds in the Retry-After header, with capped exponential backoff',
    headers: { 'Retry-After': String(seconds) },
  })
}
