import { expect, test } from 'vitest'
import { isDependencyUnavailable, unavailableProblem } from './unavailable.ts'

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code })

test.each([
  ['connection refused', withCode('ECONNREFUSED')],
  ['PostgreSQL admin shutdown 57P01', withCode('57P01')],
  ['PostgreSQL statement timeout 57014', withCode('57014')],
  ['PostgreSQL too many connections 53300', withCode('53300')],
  ['PostgreSQL connection failure 08006', withCode('08006')],
  ['pg connection lost', new Error('Connection terminated unexpectedly')],
  ['pg-pool acquire timeout', new Error('timeout exceeded when trying to connect')],
  ['SQLite disk full', withCode('SQLITE_FULL')],
  ['SQLite read-only file', withCode('SQLITE_READONLY')],
  ['SQLite read-only directory', withCode('SQLITE_READONLY_DIRECTORY')],
  ['SQLite I/O error', withCode('SQLITE_IOERR_WRITE')],
  ['wrapped in a cause', new Error('query failed', { cause: withCode('ECONNRESET') })],
])('isDependencyUnavailable: %s -> true', (_, error) => {
  expect(isDependencyUnavailable(error)).toBe(true)
})

test.each([
  ['a unique violation 23505', withCode('23505')],
  ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE')],
  ['a plain bug', new TypeError('x is undefined')],
  ['a string', 'ECONNREFUSED'],
  ['null', null],
])('isDependencyUnavailable: %s -> false (a 500, not a 503)', (_, error) => {
  expect(isDependencyUnavailable(error)).toBe(false)
})

test('unavailableProblem: default -> 503 SERVICE_UNAVAILABLE with Retry-After 1', () => {
  expect(unavailableProblem()).toMatchObject({
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    headers: { 'Retry-After': '1' },
  })
  expect(unavailableProblem({ retryAfterSeconds: 5 }).headers).toEqual({ 'Retry-After': '5' })
})
