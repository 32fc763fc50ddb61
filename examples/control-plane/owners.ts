import type { Db } from './db.ts'

/**
 * Records who owns a service account: the address deprecation notices for its API keys go to.
 *
 * @example
 * await setOwnerEmail(db, 'sa-abc1234', 'platform@example.com')
 */
export async function setOwnerEmail(db: Db, serviceAccountId: string, email: string): Promise<void> {
  await db
    .insertInto('service_account_owners')
    .values({ service_account_id: serviceAccountId, email })
    .onConflict((oc) => oc.column('service_account_id').doUpdateSet({ email }))
    .execute()
}

/**
 * The owner email of the service account a principal acts as (`service-account:<id>`, as usage
 * records it, or the bare id), for `strata notices`; `undefined` for users and unowned accounts.
 *
 * @example
 * await ownerEmail(db, 'service-account:sa-abc1234') // 'platform@example.com'
 */
export async function ownerEmail(db: Db, principal: string): Promise<string | undefined> {
  const id = principal.startsWith('service-account:') ? principal.slice('service-account:'.length) : principal
  const row = await db
    .selectFrom('service_account_owners')
    .select('email')
    .where('service_account_id', '=', id)
    .executeTakeFirst()
  return row?.email
}

/** A service account created through the API belongs to the owner of the account that created it. */
export async function inheritOwner(db: Db, serviceAccountId: string, creator: unknown): Promise<void> {
  const id = (creator as { id?: unknown } | undefined)?.id
  const email = typeof id === 'string' ? await ownerEmail(db, id) : undefined
  if (email !== undefined) await setOwnerEmail(db, serviceAccountId, email)
}
