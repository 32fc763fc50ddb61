import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createIdempotency, type IdempotencyDecision, sqlIdempotencyStore } from 'strata'
import type { Db } from './db.ts'

// The Fastify glue of Strata's framework-free Idempotency-Key support: claim in preValidation (before
// the request is migrated to head, so the fingerprint is of what the client sent), store in onSend
// (after the response is migrated down, so a replay is byte for byte what the client got).

/** Headers a replay repeats; the version and rate-limit headers are set afresh on every request. */
const KEPT = ['content-type', 'location'] as const
// Creating an API key answers its secret once; storing that answer would keep the secret in plain text.
const EXCLUDED = new Set(['/iam/v2/api-keys'])
const decisions = new WeakMap<FastifyRequest, Extract<IdempotencyDecision, { action: 'proceed' }>>()

/**
 * Makes every POST of the app honour `Idempotency-Key` per principal, records kept in the example's
 * own database (SQLite or PostgreSQL) for `ttlSeconds`. Call it on the root app before the routes.
 *
 * @example
 * await useIdempotency(app, db, { ttlSeconds: 86_400 })
 */
export async function useIdempotency(app: FastifyInstance, db: Db, options: { ttlSeconds: number }): Promise<void> {
  const store = sqlIdempotencyStore(db)
  await store.createTable()
  const idempotency = createIdempotency({ store, ttlSeconds: options.ttlSeconds })

  app.addHook('preValidation', async (req, reply) => {
    const key = req.headers['idempotency-key']
    const path = req.url.split('?')[0] ?? req.url
    if (req.method !== 'POST' || key === undefined || req.principal === undefined || req.is404 || EXCLUDED.has(path))
      return
    const decision = await idempotency.begin({
      principal: req.principal.id,
      key: Array.isArray(key) ? key.join(',') : key,
      method: req.method,
      path,
      body: req.body,
    })
    if (decision.action === 'proceed') {
      decisions.set(req, decision)
      return
    }
    const { status, headers, body } = decision.response
    // A string payload skips serialization hooks: the stored body is already at the client's version.
    return reply.code(status).headers(headers).header('idempotent-replayed', 'true').send(body)
  })

  app.addHook('onSend', async (req, reply, payload) => {
    const decision = decisions.get(req)
    if (decision === undefined) return payload
    decisions.delete(req)
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined
    // A server failure is not an answer to keep: the client's retry runs the request again.
    if (reply.statusCode >= 500 || body === undefined) await decision.release()
    else {
      const headers: Record<string, string> = {}
      for (const name of KEPT) {
        const value = reply.getHeader(name)
        if (value !== undefined) headers[name] = String(value)
      }
      await decision.complete({ status: reply.statusCode, headers, body })
    }
    return payload
  })
}
