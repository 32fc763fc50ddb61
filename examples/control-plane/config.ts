import type { RatePolicy, RedisUnavailablePolicy } from 'strata'

/** The example's settings, all from environment variables with low, demo-friendly defaults. */
export interface ControlPlaneConfig {
  readonly databaseUrl: string | undefined
  readonly bootstrapKey: string | undefined
  /** The admin service account's owner, who gets its deprecation notices (`BOOTSTRAP_OWNER_EMAIL`). */
  readonly bootstrapOwnerEmail: string | undefined
  readonly principalLimit: RatePolicy
  readonly organizationLimit: RatePolicy
  readonly ipLimit: RatePolicy
  readonly concurrency: number
  readonly requireHttps: boolean
  readonly trustProxy: boolean
  readonly publicUrl: string | undefined
  readonly provisionSeconds: number
  /** How many clusters one environment may hold; one more is refused with 402 QUOTA_EXCEEDED. */
  readonly clusterQuota: number
  readonly earlyAccessGrants: ReadonlySet<string>
  readonly earlyAccessDeny: 403 | 404
  readonly pageTokenTtlSeconds: number
  /** How long the first response to a POST with an `Idempotency-Key` is replayed. */
  readonly idempotencyTtlSeconds: number
  /** The PostgreSQL pool: size, wait for a connection, statement deadline. */
  readonly pool: { readonly max: number; readonly acquireTimeoutMs: number; readonly statementTimeoutMs: number }
  /** Caps the SQLite file at this many pages (4 KiB each); unset for no cap. */
  readonly sqliteMaxPageCount: number | undefined
  /** What rate limits do while Redis is down. */
  readonly redisUnavailable: RedisUnavailablePolicy
  /** OAuth2 bearer JWTs, when `OAUTH_JWKS_URL`, `OAUTH_ISSUER` and `OAUTH_AUDIENCE` are all set. */
  readonly oauth: { readonly jwksUrl: URL; readonly issuer: string; readonly audience: string } | undefined
}

function _oauth(env: NodeJS.ProcessEnv): ControlPlaneConfig['oauth'] {
  const names = ['OAUTH_JWKS_URL', 'OAUTH_ISSUER', 'OAUTH_AUDIENCE'] as const
  const set = names.filter((n) => env[n])
  if (set.length === 0) return undefined
  if (set.length < names.length) {
    throw new Error(`OAuth needs ${names.join(', ')} together; missing ${names.filter((n) => !env[n]).join(', ')}.`)
  }
  let jwksUrl: URL
  try {
    jwksUrl = new URL(env.OAUTH_JWKS_URL!)
  } catch {
    throw new Error(
      `OAUTH_JWKS_URL must be a URL such as https://idp.example.com/.well-known/jwks.json; got '${env.OAUTH_JWKS_URL}'.`,
    )
  }
  return { jwksUrl, issuer: env.OAUTH_ISSUER!, audience: env.OAUTH_AUDIENCE! }
}

function _redisPolicy(env: NodeJS.ProcessEnv): RedisUnavailablePolicy {
  const text = env.RATE_LIMIT_REDIS_DOWN || 'per-instance'
  if (text !== 'per-instance' && text !== 'fail-open' && text !== 'fail-closed')
    throw new Error(`RATE_LIMIT_REDIS_DOWN must be per-instance, fail-open or fail-closed; got '${text}'.`)
  return text
}

function _policy(name: string, env: NodeJS.ProcessEnv, fallback: string): RatePolicy {
  const text = env[name] || fallback
  const match = /^(\d+)\/(\d+)s?$/.exec(text.trim())
  if (match === null) throw new Error(`${name} must be <requests>/<seconds>, e.g. ${fallback}; got '${text}'.`)
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) }
}

function _int(name: string, env: NodeJS.ProcessEnv, fallback: number, min: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}; got '${text}'.`)
  return value
}

/**
 * Reads the configuration; a malformed variable fails start-up with a sentence naming it.
 *
 * @example
 * readConfig({ RATE_LIMIT_PRINCIPAL: '5/10' }).principalLimit // { limit: 5, windowSeconds: 10 }
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ControlPlaneConfig {
  const deny = env.EARLY_ACCESS_DENY || '404'
  if (deny !== '403' && deny !== '404') throw new Error(`EARLY_ACCESS_DENY must be 403 or 404; got '${deny}'.`)
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    bootstrapKey: env.BOOTSTRAP_API_KEY || undefined,
    bootstrapOwnerEmail: env.BOOTSTRAP_OWNER_EMAIL || undefined,
    principalLimit: _policy('RATE_LIMIT_PRINCIPAL', env, '50/10'),
    organizationLimit: _policy('RATE_LIMIT_ORGANIZATION', env, '200/10'),
    ipLimit: _policy('RATE_LIMIT_IP', env, '20/10'),
    concurrency: _int('RATE_LIMIT_CONCURRENCY', env, 10, 1),
    requireHttps: env.REQUIRE_HTTPS === '1',
    trustProxy: env.TRUST_PROXY === '1',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    provisionSeconds: _int('CLUSTER_PROVISIONING_SECONDS', env, 10, 0),
    clusterQuota: _int('CLUSTER_QUOTA_PER_ENVIRONMENT', env, 10, 0),
    earlyAccessGrants: new Set(
      (env.EARLY_ACCESS_GRANTS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    earlyAccessDeny: deny === '403' ? 403 : 404,
    pageTokenTtlSeconds: _int('PAGE_TOKEN_TTL_SECONDS', env, 86_400, 1),
    idempotencyTtlSeconds: _int('IDEMPOTENCY_TTL_SECONDS', env, 86_400, 1),
    oauth: _oauth(env),
    pool: {
      max: _int('DATABASE_POOL_MAX', env, 10, 1),
      acquireTimeoutMs: _int('DATABASE_ACQUIRE_TIMEOUT_MS', env, 2000, 1),
      statementTimeoutMs: _int('DATABASE_STATEMENT_TIMEOUT_MS', env, 5000, 1),
    },
    sqliteMaxPageCount: env.SQLITE_MAX_PAGE_COUNT ? _int('SQLITE_MAX_PAGE_COUNT', env, 0, 1) : undefined,
    redisUnavailable: _redisPolicy(env),
  }
}
