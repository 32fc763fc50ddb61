import { randomUUID } from 'node:crypto'
import { generateApiKey, hashApiKeySecret } from 'strata'
import type { Db } from './db.ts'
import { newId } from './present.ts'

/** An API key as `BOOTSTRAP_API_KEY` gives it: `<id>:<secret>`. */
export interface BootstrapKey {
  readonly id: string
  readonly secret: string
}

/**
 * Parses `BOOTSTRAP_API_KEY=<id>:<secret>`; the id is letters and digits (it is the Basic user
 * name, so no colon), the secret at least 16 characters.
 *
 * @example
 * parseBootstrapKey('ADMINKEY:an-admin-secret-of-32-characters') // { id: 'ADMINKEY', secret: '...' }
 */
export function parseBootstrapKey(text: string): BootstrapKey {
  const colon = text.indexOf(':')
  const id = text.slice(0, colon)
  const secret = text.slice(colon + 1)
  if (colon <= 0 || !/^[A-Za-z0-9]{1,64}$/.test(id) || secret.length < 16) {
    throw new Error(
      'BOOTSTRAP_API_KEY must be <id>:<secret>, the id letters and digits, the secret at least 16 characters.',
    )
  }
  return { id, secret }
}

/**
 * On first start (no organization yet), creates an organization, an admin service account (owned by
 * `ownerEmail`, when given) and an API key for it: the given one, or a generated one whose `id:secret` is returned to print once.
 *
 * @example
 * const created = await bootstrap(db, { pepper, now: new Date() })
 * if (created?.secret) console.log(`API key: ${created.id}:${created.secret}`)
 */
export async function bootstrap(
  db: Db,
  options: { pepper: string; now: Date; key?: BootstrapKey | undefined; ownerEmail?: string | undefined },
): Promise<{ id: string; secret?: string } | undefined> {
  const existing = await db.selectFrom('organizations').select('id').executeTakeFirst()
  if (existing !== undefined) return undefined
  const at = options.now.toISOString()
  const orgId = randomUUID()
  const accountId = newId('sa', 7)
  const key = options.key ?? generateApiKey()
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('organizations')
      .values({ id: orgId, display_name: 'Default', created_at: at, updated_at: at })
      .execute()
    await tx
      .insertInto('service_accounts')
      .values({
        id: accountId,
        org_id: orgId,
        display_name: 'admin',
        description: 'Created on first start; owns the bootstrap API key.',
        created_at: at,
        updated_at: at,
      })
      .execute()
    if (options.ownerEmail !== undefined) {
      await tx
        .insertInto('service_account_owners')
        .values({ service_account_id: accountId, email: options.ownerEmail })
        .execute()
    }
    await tx
      .insertInto('api_keys')
      .values({
        id: key.id,
        org_id: orgId,
        owner_id: accountId,
        secret_hash: hashApiKeySecret(key.secret, options.pepper),
        display_name: 'bootstrap',
        description: 'The first API key of the organization.',
        created_at: at,
        updated_at: at,
      })
      .execute()
  })
  return options.key === undefined ? { id: key.id, secret: key.secret } : { id: key.id }
}
