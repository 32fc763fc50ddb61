import { ClientError } from './client-error.ts'
import { ClientOptionsError } from './client-options-error.ts'

/** A query parameter value; arrays repeat the parameter, `null` and `undefined` leave it out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[]

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i

/**
 * Fills `{name}` placeholders of a path template from `params`, each value percent-encoded.
 *
 * @example
 * fillPath('/assets/{id}', { id: 7 }) // '/assets/7'
 */
export function fillPath(template: string, params: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{([^}/]+)\}/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === '')
      throw new ClientOptionsError(`The path ${template} needs params.${name}; pass { params: { ${name}: ... } }.`)
    return encodeURIComponent(String(value))
  })
}

/**
 * The URL of a request: `path` joined to the base URL's path (or an absolute URL on the base's
 * origin, such as a followed page link), with the query appended. An absolute URL on another origin
 * is refused so that credentials never travel there.
 *
 * @example
 * buildUrl(new URL('http://127.0.0.1:8080/api'), '/assets', { limit: 2 }).href // 'http://127.0.0.1:8080/api/assets?limit=2'
 */
export function buildUrl(base: URL, path: string, query: Readonly<Record<string, QueryValue>> | undefined): URL {
  let url: URL
  if (ABSOLUTE.test(path)) {
    url = new URL(path)
    if (url.origin !== base.origin)
      throw new ClientError(`Refusing to send a request for ${base.origin} to ${url.origin} (${url.href})`)
  } else {
    url = new URL(base.href)
    const [pathname = '', search] = path.split(/\?(.*)/s, 2)
    url.pathname = `${base.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`
    url.search = search ?? ''
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) url.searchParams.append(name, String(item))
  }
  return url
}
