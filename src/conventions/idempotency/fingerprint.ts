import { createHash } from 'node:crypto'

/**
 * A digest of what makes two requests "the same" for an idempotency key: method, path, a variant
 * (such as the negotiated version) and the body as canonical JSON (object keys sorted), so key
 * order and whitespace do not matter.
 *
 * @example
 * requestFingerprint({ method: 'POST', path: '/org/v2/environments', body: { display_name: 'dev' } }) // 'sha256:...'
 */
export function requestFingerprint(request: { method: string; path: string; variant?: string; body: unknown }): string {
  const text = [request.method.toUpperCase(), request.path, request.variant ?? '', _canonical(request.body)].join('\n')
  return `sha256:${createHash('sha256').update(text).digest('base64url')}`
}

function _canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(_canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${_canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
