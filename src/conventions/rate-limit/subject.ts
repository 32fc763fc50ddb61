import { isIPv4, isIPv6 } from 'node:net'
import type { RatePolicyName } from './policy.ts'

/** Who is asking: the principal when authenticated (any `Principal` fits), and the client address. */
export interface RateLimitSubject {
  readonly principal?: { readonly id: string; readonly organizationId?: string | undefined } | undefined
  /** The client address as the adapter determined it (after its own proxy trust rules). */
  readonly ip: string
}

/** The budgets one request counts against, and the key of its in-flight slot. */
export interface _SubjectKeys {
  readonly budgets: readonly (readonly [RatePolicyName, string])[]
  readonly concurrency: string
}

/**
 * Maps a subject to its budget keys: principal and organization when authenticated, the address
 * partition otherwise (the seed: "Unauthenticated requests are associated with the originating IP address").
 *
 * @example
 * _subjectKeys({ principal: { id: 'u-1', organizationId: 'org-1' }, ip: '192.0.2.1' }).budgets
 * // [['principal', 'u-1'], ['organization', 'org-1']]
 */
export function _subjectKeys(subject: RateLimitSubject): _SubjectKeys {
  const { principal } = subject
  if (principal === undefined) {
    const ip = ipPartitionKey(subject.ip)
    return { budgets: [['ip', ip]], concurrency: `ip:${ip}` }
  }
  const budgets: (readonly [RatePolicyName, string])[] = [['principal', principal.id]]
  if (principal.organizationId !== undefined) budgets.push(['organization', principal.organizationId])
  return { budgets, concurrency: `principal:${principal.id}` }
}

/**
 * The budget key of an unauthenticated client's address: IPv4 as is (also when IPv4-mapped), IPv6
 * by its /64 prefix, since one host usually holds a whole /64 and could rotate through it.
 *
 * @example
 * ipPartitionKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 * ipPartitionKey('::ffff:203.0.113.9') // '203.0.113.9'
 */
export function ipPartitionKey(ip: string): string {
  const address = ip.trim().replace(/%.*$/, '')
  if (isIPv4(address)) return address
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1]
  if (!isIPv6(address) || address.includes('.')) return address.toLowerCase()
  const [head = '', tail] = address.toLowerCase().split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  const prefix = groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, ''))
  return `${prefix.join(':')}::/64`
}
