import { HttpProblem } from 'strata'
import type { Db } from '../db.ts'
import type { ListEnv } from '../page.ts'

/** What the route modules share: the database, page tokens, public address, clock and settings. */
export interface RouteEnv extends ListEnv {
  /** The wall clock of stored timestamps and provisioning (the lifecycle clock may be pinned). */
  readonly now: () => Date
  /** How long a new cluster stays PROVISIONING. */
  readonly provisionMs: number
  /** How many clusters one environment may hold. */
  readonly clusterQuota: number
  /** The server pepper API key secrets are hashed with. */
  readonly pepper: string
}

/**
 * Checks that a spec's environment exists in the caller's organization; otherwise a 422 naming
 * `spec.environment.id`.
 *
 * @example
 * await requireEnvironment(db, orgOf(req), req.body.spec.environment.id)
 */
export async function requireEnvironment(db: Db, orgId: string, id: string, suggestion?: string): Promise<void> {
  const environment = await db
    .selectFrom('environments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (environment !== undefined) return
  throw new HttpProblem({
    status: 422,
    code: 'VALIDATION_FAILED',
    message: '1 field failed validation',
    fields: [{ field: 'spec.environment.id', message: `environment ${id} does not exist`, reason: 'reference' }],
    ...(suggestion !== undefined ? { suggestion } : {}),
  })
}
