import { createHash } from 'node:crypto'
import type { NoticeRef } from './outbox.ts'
import { noticeKey } from './plan-notices.ts'

/**
 * The domain of a sender address (`Name <notices@example.com>` or `notices@example.com`), or
 * `undefined` when the text is no address.
 *
 * @example
 * senderDomain('API team <api@example.com>') // 'example.com'
 */
export function senderDomain(from: string): string | undefined {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim()
  const match = /^[^\s@<>]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,}|localhost)$/.exec(address)
  return match?.[1]?.toLowerCase()
}

/**
 * The Message-ID of the email carrying these notices: the same notices always give the same id,
 * so a receiver drops a resend it already has.
 *
 * @example
 * messageIdOf([{ principal: 'sa-1', scope: 'cmk', version: 'v1', milestone: 'deprecation' }], 'example.com')
 */
export function messageIdOf(refs: readonly NoticeRef[], domain: string): string {
  const keys = refs.map((r) => noticeKey(r.principal, r.scope, r.version, r.milestone)).sort()
  const hash = createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)
  return `<notice.${hash}@${domain}>`
}
