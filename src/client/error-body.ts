/** What an error response says, whichever of the supported formats it came in. */
export interface ErrorFields {
  readonly code: string | undefined
  readonly message: string | undefined
  readonly details: unknown
  /** The fields that failed validation (a 422's `error.fields`, problem+json `errors`), when listed. */
  readonly fields: readonly unknown[] | undefined
  readonly requestId: string | undefined
  readonly suggestion: string | undefined
  readonly docUrl: string | undefined
  /** The newest version the server supports, on a version refusal. */
  readonly latestVersion: string | undefined
  /** Every version the server supports, on a version refusal. */
  readonly supportedVersions: readonly string[] | undefined
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
const list = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? _split(value) : undefined

function _split(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return items.length > 0 ? items : undefined
}

/** The first defined value among several spellings of one fact (`latest_version`, `latestVersion`). */
function _pick<T>(read: (value: unknown) => T | undefined, ...candidates: unknown[]): T | undefined {
  for (const candidate of candidates) {
    const value = read(candidate)
    if (value !== undefined) return value
  }
  return undefined
}

/**
 * Reads an error body in any of the formats Strata APIs speak: the Confluent envelope
 * (`{status, error{code, message, details, suggestion}, requestId, doc_url}`), RFC 9457 problem+json,
 * Cognite's `{error{code, message}}`, IP Fabric's version refusal (`{message, release_version,
 * api_version}`) and an OAuth2 token error (`{error, error_description}`). Unknown fields are ignored;
 * a body in none of them yields only what the headers say.
 *
 * @example
 * readErrorBody({ error: { code: 'NOT_FOUND', message: 'Asset 7 does not exist' } }, new Headers()).code // 'NOT_FOUND'
 */
export function readErrorBody(body: unknown, headers: Headers): ErrorFields {
  const top: Json = isObject(body) ? body : {}
  const inner: Json = isObject(top.error) ? top.error : {}
  // Cognite puts the HTTP status in error.code and Strata's code in error.type.
  const innerCode = typeof inner.code === 'number' && typeof inner.type === 'string' ? inner.type : inner.code
  const oauthCode = typeof top.error === 'string' ? top.error : undefined
  const supportedHeader = _supportedHeader(headers)
  return {
    code: _pick(str, innerCode, top.code, oauthCode),
    message: _pick(str, inner.message, top.detail, top.message, top.error_description, top.title),
    details: inner.details ?? top.details,
    fields: [inner.fields, top.errors, inner.errors, top.fields].find(Array.isArray),
    requestId: _pick(str, top.requestId, top.request_id, inner.requestId, headers.get('x-request-id')),
    suggestion: _pick(str, inner.suggestion, top.suggestion),
    docUrl: _pick(str, top.doc_url, top.docUrl, top.type !== 'about:blank' ? top.type : undefined),
    latestVersion: _pick(
      str,
      inner.latest_version,
      inner.latestVersion,
      top.latest_version,
      top.latestVersion,
      top.api_version !== undefined && top.release_version !== undefined ? top.api_version : undefined,
    ),
    supportedVersions: _pick(
      list,
      inner.supported_versions,
      inner.supportedVersions,
      top.supported_versions,
      top.supportedVersions,
      supportedHeader,
    ),
  }
}

/** A `*-Versions-Supported` or `*-Supported-Versions` response header, whatever its prefix. */
function _supportedHeader(headers: Headers): string | undefined {
  for (const [name, value] of headers) {
    if (/versions?-supported$|supported-versions$/.test(name)) return value
  }
  return undefined
}
