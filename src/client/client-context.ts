import { type Authorizer, createAuthorizer } from './auth.ts'
import type { ClientOptions } from './client-options.ts'
import { ClientOptionsError } from './client-options-error.ts'
import type { DeprecationNotice } from './deprecation.ts'
import { type RetryPolicy, resolveRetry } from './retry.ts'
import { checkPlacement, type VersionPlacement } from './version-placement.ts'

/** A client's options, checked once and resolved into what every request reads. */
export interface ClientContext {
  readonly base: URL
  readonly fetch: typeof fetch
  readonly retry: RetryPolicy
  readonly auth: Authorizer
  readonly timeout: number | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly version: VersionPlacement | undefined
  readonly versionByPrefix: Readonly<Record<string, VersionPlacement>>
  readonly versionHeader: string | undefined
  /** Calls `onDeprecation` the first time a (method, route, version) is seen deprecated. */
  readonly announce: (notice: DeprecationNotice) => void
  readonly deprecationsAsErrors: boolean
}

function _baseUrl(value: string | URL): URL {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {}
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ClientOptionsError(
      `baseUrl must be an absolute http(s) URL such as https://api.example.com; got '${String(value)}'.`,
    )
  return url
}

/**
 * Checks a timeout in milliseconds; `0` means none.
 *
 * @example
 * checkTimeout(5000, 'timeout') // 5000
 */
export function checkTimeout(value: number | undefined, where: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ClientOptionsError(`${where} must be a number of milliseconds >= 0; got ${String(value)}.`)
  return value === 0 ? undefined : value
}

/**
 * Checks the options of `createClient` and resolves their defaults; a mistake throws a
 * {@link ClientOptionsError} naming the option and the fix.
 *
 * @example
 * const context = resolveClientOptions({ baseUrl: 'https://api.example.com' })
 */
export function resolveClientOptions(options: ClientOptions): ClientContext {
  if (typeof options !== 'object' || options === null)
    throw new ClientOptionsError('createClient needs an options object with baseUrl.')
  const base = _baseUrl(options.baseUrl)
  if (options.version !== undefined) checkPlacement(options.version, 'version')
  const versionByPrefix = options.versionByPrefix ?? {}
  for (const [prefix, placement] of Object.entries(versionByPrefix)) {
    if (!prefix.startsWith('/'))
      throw new ClientOptionsError(`versionByPrefix keys must start with '/'; got '${prefix}'.`)
    checkPlacement(placement, `versionByPrefix['${prefix}']`)
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw new ClientOptionsError('No fetch is available; pass options.fetch.')
  const seen = new Set<string>()
  return {
    base,
    fetch: fetchImpl,
    retry: resolveRetry(options.retry),
    auth: createAuthorizer(options.auth, fetchImpl),
    timeout: options.timeout === undefined ? 30_000 : checkTimeout(options.timeout, 'timeout'),
    headers: options.headers ?? {},
    version: options.version,
    versionByPrefix,
    versionHeader: options.versionHeader,
    announce(notice) {
      const key = `${notice.method} ${notice.route} ${notice.version ?? ''}`
      if (seen.has(key)) return
      seen.add(key)
      options.onDeprecation?.(notice)
    },
    deprecationsAsErrors: options.deprecationsAsErrors === true,
  }
}
