/** Which methods each registered route pattern answers, to tell a 405 from a 404. */
export interface RouteTable {
  add(method: string | readonly string[], url: string): void
  /** The methods that a concrete path would match, or an empty list. */
  allowed(path: string): string[]
}

function _pattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${source}/?$`)
}

/**
 * Records route patterns as Fastify registers them.
 *
 * @example
 * const table = createRouteTable(); table.add('GET', '/assets/:id'); table.allowed('/assets/7') // ['GET']
 */
export function createRouteTable(): RouteTable {
  const routes: { pattern: RegExp; methods: string[] }[] = []
  return {
    add(method, url) {
      const methods = (Array.isArray(method) ? method : [method]).map((m: string) => m.toUpperCase())
      routes.push({ pattern: _pattern(url), methods })
    },
    allowed(path) {
      const found = new Set<string>()
      for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) found.add(m)
      return [...found].filter((m) => m !== 'HEAD')
    },
  }
}
