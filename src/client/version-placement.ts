import { ClientOptionsError } from './client-options-error.ts'

/**
 * Where a request carries its version: a header (`Cdf-Version: 20230205`, `X-API-Version: 2`), a
 * path segment inserted after the matched prefix (`/cmk` + `v2` -> `/cmk/v2/...`), or a media-type
 * parameter (`Accept: application/vnd.acme+json; version=2`). A header or media type without a value
 * sends nothing until a request names one.
 */
export type VersionPlacement =
  | { readonly header: string; readonly value?: string }
  | { readonly segment: string }
  | { readonly mediaType: string; readonly parameter?: string; readonly value?: string }

/** The placement a request resolved to, and the path prefix it was configured for (`''` for the default). */
export interface ChosenPlacement {
  readonly placement: VersionPlacement | undefined
  readonly prefix: string
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i

/**
 * Checks a placement given to `createClient` or a request; a malformed one throws naming the fix.
 *
 * @example
 * checkPlacement({ header: 'Cdf-Version', value: '20230205' }, 'version') // ok
 */
export function checkPlacement(placement: VersionPlacement, where: string): void {
  if (typeof placement !== 'object' || placement === null)
    throw new ClientOptionsError(`${where} must be { header, value? }, { segment } or { mediaType, value? }.`)
  if ('header' in placement) {
    if (typeof placement.header !== 'string' || !TOKEN.test(placement.header))
      throw new ClientOptionsError(`${where}.header must be a header name such as 'Cdf-Version'.`)
  } else if ('segment' in placement) {
    if (typeof placement.segment !== 'string' || placement.segment === '' || /[/?#]/.test(placement.segment))
      throw new ClientOptionsError(`${where}.segment must be one path segment such as 'v2', without '/'.`)
  } else if ('mediaType' in placement) {
    if (typeof placement.mediaType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(placement.mediaType))
      throw new ClientOptionsError(`${where}.mediaType must be a media type such as 'application/vnd.acme+json'.`)
  } else {
    throw new ClientOptionsError(`${where} must be { header, value? }, { segment } or { mediaType, value? }.`)
  }
}

/**
 * The placement of one request: the request's own, else the longest configured prefix the path
 * starts with (at a `/` boundary), else the client's default. A request may give only a value
 * (`'3'`), which goes where the prefix or default puts it.
 *
 * @example
 * choosePlacement('/cmk/clusters', undefined, { '/cmk': { segment: 'v1' } }, undefined)
 * // { placement: { segment: 'v1' }, prefix: '/cmk' }
 */
export function choosePlacement(
  path: string,
  fallback: VersionPlacement | undefined,
  byPrefix: Readonly<Record<string, VersionPlacement>>,
  requested: string | VersionPlacement | undefined,
): ChosenPlacement {
  let chosen: ChosenPlacement = { placement: fallback, prefix: '' }
  for (const [prefix, placement] of Object.entries(byPrefix)) {
    const matches = path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)
    if (matches && prefix.length >= chosen.prefix.length) chosen = { placement, prefix }
  }
  if (requested === undefined) return chosen
  if (typeof requested !== 'string') {
    checkPlacement(requested, 'the request option version')
    return { placement: requested, prefix: chosen.prefix }
  }
  const base = chosen.placement
  if (base === undefined)
    throw new ClientOptionsError(
      `The request asks for version '${requested}' but the client's version option does not say where a version goes; set version: { header: 'X-API-Version' } (or a segment or mediaType) on createClient.`,
    )
  return {
    placement: 'segment' in base ? { segment: requested } : { ...base, value: requested },
    prefix: chosen.prefix,
  }
}

/**
 * Puts the version where the placement says: sets a header or `Accept` (and `Content-Type` when a
 * body is sent), or returns the path with the segment inserted after the prefix. A path that already
 * has the segment there, or an absolute URL (a followed link), is left as it is.
 *
 * @example
 * placeVersion('/cmk/clusters', { placement: { segment: 'v2' }, prefix: '/cmk' }, headers, false) // '/cmk/v2/clusters'
 */
export function placeVersion(path: string, chosen: ChosenPlacement, headers: Headers, hasBody: boolean): string {
  const { placement, prefix } = chosen
  if (placement === undefined) return path
  if ('header' in placement) {
    if (placement.value !== undefined) headers.set(placement.header, placement.value)
    return path
  }
  if ('mediaType' in placement) {
    if (placement.value === undefined) return path
    const type = `${placement.mediaType}; ${placement.parameter ?? 'version'}=${placement.value}`
    headers.set('accept', type)
    if (hasBody) headers.set('content-type', type)
    return path
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  const rest = path.slice(base.length)
  if (rest === `/${placement.segment}` || rest.startsWith(`/${placement.segment}/`)) return path
  return `${base}/${placement.segment}${rest}`
}

/**
 * The version a placement sends, for reporting when the server does not say which it used.
 *
 * @example
 * placedValue({ segment: 'v2' }) // 'v2'
 */
export function placedValue(placement: VersionPlacement | undefined): string | undefined {
  if (placement === undefined) return undefined
  return 'segment' in placement ? placement.segment : placement.value
}
