import { createHash, timingSafeEqual } from 'node:crypto'

/** How the usage page recognizes an administrator. */
export interface AdminCheck {
  /** An admin principal, where the API authenticates. */
  readonly principal?: ((principal: unknown) => boolean | Promise<boolean>) | undefined
  /** A bearer token, for APIs without authentication (`STRATA_ADMIN_TOKEN`). */
  readonly token?: string | undefined
}

const _digest = (text: string): Buffer => createHash('sha256').update(text).digest()

function _bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value)
  return match?.[1]
}

/**
 * Whether a request comes from an administrator: an admin principal, or the admin bearer token
 * (compared in constant time).
 *
 * @example
 * await isAdmin({ token: process.env.STRATA_ADMIN_TOKEN }, { headers: { authorization: 'Bearer s3cret' }, principal: undefined })
 */
export async function isAdmin(
  check: AdminCheck,
  request: { readonly headers: Readonly<Record<string, string | string[] | undefined>>; readonly principal: unknown },
): Promise<boolean> {
  if (check.principal !== undefined && request.principal !== undefined && (await check.principal(request.principal))) {
    return true
  }
  if (check.token === undefined || check.token === '') return false
  const sent = _bearer(request.headers.authorization)
  return sent !== undefined && timingSafeEqual(_digest(sent), _digest(check.token))
}
