import type { ContactResolver } from './notice-options.ts'

/**
 * A contact resolver from a fixed list: an object, or text as environment variables hold it,
 * `principal=email` pairs separated by commas. Principals not listed have no contact.
 *
 * @example
 * staticContacts('acme-sync=dev@acme.example,curl=ops@example.com')('curl') // 'ops@example.com'
 */
export function staticContacts(entries: Readonly<Record<string, string>> | string | undefined): ContactResolver {
  const map = new Map<string, string>()
  if (typeof entries === 'string') {
    for (const pair of entries.split(',')) {
      const at = pair.lastIndexOf('=')
      if (at > 0) map.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
  } else if (entries !== undefined) for (const [principal, email] of Object.entries(entries)) map.set(principal, email)
  return (principal) => map.get(principal)
}
