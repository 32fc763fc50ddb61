import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import {
  type ApiKeyStore,
  createAuthenticator,
  createJwtVerifier,
  createPageTokenCodec,
  type Principal,
  type RedisUnavailablePolicy,
  readWithdrawals,
  redisRateLimitStore,
} from 'strata'
import { conventions, pages, strata, strataFrameworkErrors } from 'strata/fastify'
import { createPortal } from 'strata/portal'
import { createUsage } from 'strata/usage'
import { defineControlPlaneApi } from './api.ts'
import { bootstrap, parseBootstrapKey } from './bootstrap.ts'
import { readConfig } from './config.ts'
import { type Db, openDatabase, setting } from './db.ts'
import { useIdempotency } from './idempotency.ts'
import { ownerEmail } from './owners.ts'
import { cmkRoutes } from './routes/cmk.ts'
import type { RouteEnv } from './routes/env.ts'
import { iamRoutes } from './routes/iam.ts'
import { networkingRoutes } from './routes/networking.ts'
import { orgRoutes } from './routes/org.ts'

/** The service account created on first start (the bootstrap admin): the oldest one. */
async function firstServiceAccount(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('service_accounts')
    .select('id')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst()
  return row?.id
}

/** API keys read from the database; a key acts as its service account, in its organization. */
function databaseKeyStore(db: Db): ApiKeyStore {
  return {
    async findKey(id) {
      const row = await db
        .selectFrom('api_keys')
        .innerJoin('service_accounts', 'service_accounts.id', 'api_keys.owner_id')
        .select(['api_keys.id', 'api_keys.secret_hash', 'api_keys.owner_id', 'service_accounts.org_id'])
        .where('api_keys.id', '=', id)
        .executeTakeFirst()
      if (row === undefined) return undefined
      return {
        id: row.id,
        secretHash: row.secret_hash,
        owner: { id: row.owner_id, kind: 'service-account', organizationId: row.org_id },
      }
    },
  }
}

/** A Redis client for shared rate limits: start-up waits up to 2 s for it, then goes on with the outage policy. */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2000)
    redis.once('ready', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  return redis
}

function redisOptions(policy: RedisUnavailablePolicy) {
  const effect = {
    'per-instance': 'each instance now enforces the limits on its own',
    'fail-open': 'requests are let through without rate limits',
    'fail-closed': 'requests are refused with 503',
  }[policy]
  return {
    whenUnavailable: policy,
    onAvailabilityChange: (available: boolean, error?: Error) =>
      process.stderr.write(
        available
          ? 'control-plane: Redis is back; rate limits are shared between instances again\n'
          : `control-plane: Redis is unavailable (${error?.message}); ${effect} until it returns\n`,
      ),
  }
}

const secret = () => randomBytes(32).toString('base64url')

/** OAuth2 bearer access tokens: a user of the organization named by the token's `org_id` claim. */
function jwtVerifier(oauth: NonNullable<ReturnType<typeof readConfig>['oauth']>) {
  return createJwtVerifier({
    jwks: oauth.jwksUrl,
    issuer: oauth.issuer,
    audience: oauth.audience,
    realm: 'control-plane',
    toPrincipal: (claims) => ({
      id: String(claims.sub),
      kind: 'user',
      organizationId: typeof claims.org_id === 'string' ? claims.org_id : undefined,
    }),
  })
}

/**
 * The control-plane API (the Confluent program) on Fastify: API groups org/v2, iam/v2, cmk/v2 (and
 * the deprecated cmk/v1), networking/v1 in early access; SQLite in `dataDir`, or PostgreSQL when
 * `DATABASE_URL` is set. On first start it prints `API key: <id>:<secret>` once.
 */
export async function createServer(options: {
  dataDir: string
  clock?: () => Date
  logger?: boolean
}): Promise<FastifyInstance> {
  const config = readConfig()
  const key = config.bootstrapKey === undefined ? undefined : parseBootstrapKey(config.bootstrapKey)
  const db = await openDatabase({
    dataDir: options.dataDir,
    databaseUrl: config.databaseUrl,
    pool: config.pool,
    sqliteMaxPageCount: config.sqliteMaxPageCount,
  })
  const pepper = process.env.API_KEY_PEPPER || (await setting(db, 'api_key_pepper', secret))
  const pageSecret = process.env.PAGE_TOKEN_SECRET || (await setting(db, 'page_token_secret', secret))
  const now = () => new Date()
  const created = await bootstrap(db, { pepper, now: now(), key, ownerEmail: config.bootstrapOwnerEmail })
  if (created?.secret !== undefined) process.stdout.write(`API key: ${created.id}:${created.secret}\n`)

  // Deprecation notices (`strata notices`) go to the owner of the service account that called.
  const api = defineControlPlaneApi(
    { grants: config.earlyAccessGrants, deny: config.earlyAccessDeny },
    options.clock,
    readWithdrawals(),
    { contact: (principal) => ownerEmail(db, principal) },
  )
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    // A URL Fastify cannot decode is answered in the API's error format too.
    frameworkErrors: strataFrameworkErrors,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: true } },
  })
  const redis = process.env.REDIS_URL ? await connectRedis(process.env.REDIS_URL) : undefined
  // The usage report is for the bootstrap admin account (or a token with `strata:admin`).
  const admin = await firstServiceAccount(db)
  // Usage counts beside the data: usage.sqlite under dataDir, or the API's own PostgreSQL database, where
  // `strata usage` and `strata notices` read them (--data-dir / --database-url).
  const usage = await createUsage({
    api,
    ...(config.databaseUrl !== undefined ? { database: db } : { dataDir: options.dataDir }),
    isAdmin: (p) =>
      (p as Principal | undefined)?.scopes?.includes('strata:admin') === true ||
      (admin !== undefined && (p as Principal | undefined)?.id === admin),
  })
  app.addHook('onClose', async () => {
    redis?.disconnect()
    await usage.close()
    await db.destroy()
  })

  await app.register(conventions, {
    ...(config.requireHttps ? { requireHttps: { trustProxy: config.trustProxy } } : {}),
    auth: {
      authenticator: createAuthenticator({
        apiKeys: { store: databaseKeyStore(db), pepper },
        ...(config.oauth !== undefined ? { jwt: jwtVerifier(config.oauth) } : {}),
        realm: 'control-plane',
      }),
    },
    rateLimit: {
      ...(redis !== undefined ? { store: redisRateLimitStore(redis, redisOptions(config.redisUnavailable)) } : {}),
      principal: config.principalLimit,
      organization: config.organizationLimit,
      ip: config.ipLimit,
      concurrency: { limit: config.concurrency },
      keyPrefix: 'control-plane',
    },
  })
  await app.register(strata, {
    api,
    principal: (req) => req.principal,
    onExchange: usage.observers,
    unversioned: usage.routes,
  })
  await useIdempotency(app, db, { ttlSeconds: config.idempotencyTtlSeconds })

  const env: RouteEnv = {
    db,
    tokens: createPageTokenCodec({ secret: pageSecret, ttlSeconds: config.pageTokenTtlSeconds }),
    baseUrl: (req) => config.publicUrl ?? `${req.protocol}://${req.host}`,
    now,
    provisionMs: config.provisionSeconds * 1000,
    clusterQuota: config.clusterQuota,
    pepper,
  }
  await app.register(orgRoutes(env))
  await app.register(iamRoutes(env))
  await app.register(cmkRoutes(env))
  await app.register(networkingRoutes(env))
  // The portal's usage page is for the admin service account created on first start, or a token with `strata:admin`.
  await app.register(
    pages(
      createPortal({
        admin: (p) => (p as Principal).scopes.includes('strata:admin') || (p as Principal).id === admin,
        usage: () => usage.report(),
      }),
    ),
  )
  return app
}
