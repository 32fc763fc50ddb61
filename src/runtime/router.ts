import { StrataError } from '../error/index.ts'

/** A matched route: what was stored with it and the path parameters, percent-decoded. */
export interface RouteMatch<T> {
  readonly store: T
  readonly params: Record<string, string>
}

/** Finds the route of a method and path; needs no code generation, so it runs on Workers too. */
export interface Router<T> {
  /** Adds a route template (`/assets/:id`, `/files/*`); refuses one already declared (whatever its param names). */
  on(method: string, template: string, store: T): void
  has(method: string, template: string): boolean
  /**
   * The route serving a path (percent-encoded, without the query), or `null`; `'bad-url'` when the path's
   * percent-encoding is invalid. Static segments win over parameters, parameters over `*`, with
   * backtracking, as in find-my-way.
   */
  find(method: string, path: string): RouteMatch<T> | null | 'bad-url'
}

interface _Node<T> {
  readonly statics: Map<string, _Node<T>>
  param?: { readonly name: string; readonly node: _Node<T> }
  wildcard?: { readonly name: string; store: T }
  store?: T
}

const _node = <T>(): _Node<T> => ({ statics: new Map() })

/**
 * Creates a router of path templates, one tree per method.
 *
 * @example
 * const router = createRouter<string>(); router.on('GET', '/assets/:id', 'get-asset')
 * router.find('GET', '/assets/7') // { store: 'get-asset', params: { id: '7' } }
 */
export function createRouter<T>(): Router<T> {
  const trees = new Map<string, _Node<T>>()
  const declared = new Set<string>()
  const shape = (method: string, template: string) =>
    `${method} ${template.replace(/:[^/]+/g, ':').replace(/\*[^/]*$/, '*')}`

  function on(method: string, template: string, store: T): void {
    if (!template.startsWith('/') || /[()]/.test(template) || /[^/]:|:[^/]*:/.test(template)) {
      throw new StrataError(
        'STRATA_ERR_ROUTE_INVALID',
        `Route ${method} ${template}: a path starts with '/' and each parameter takes a whole segment (/:name); regular-expression parameters are not supported.`,
      )
    }
    const key = shape(method, template)
    if (declared.has(key)) {
      throw new StrataError(
        'STRATA_ERR_ROUTE_INVALID',
        `Route ${method} ${template} is declared twice; declare each method and path once.`,
      )
    }
    declared.add(key)
    let node = trees.get(method) ?? _node<T>()
    trees.set(method, node)
    const segments = template.slice(1).split('/')
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!
      if (segment.startsWith('*')) {
        if (i !== segments.length - 1) {
          throw new StrataError(
            'STRATA_ERR_ROUTE_INVALID',
            `Route ${method} ${template}: '*' must be the last segment.`,
          )
        }
        node.wildcard = { name: '*', store }
        return
      }
      if (segment.startsWith(':')) {
        const name = segment.slice(1)
        node.param ??= { name, node: _node() }
        node = node.param.node
      } else {
        const next = node.statics.get(segment) ?? _node<T>()
        node.statics.set(segment, next)
        node = next
      }
    }
    node.store = store
  }

  function find(method: string, path: string): RouteMatch<T> | null | 'bad-url' {
    const root = trees.get(method)
    if (root === undefined || path.charCodeAt(0) !== 47) return null
    // Static segments compare decoded (reserved characters such as %2F stay encoded); parameters decode fully.
    let decoded: string
    try {
      decoded = path.includes('%') ? decodeURI(path) : path
    } catch {
      return 'bad-url'
    }
    const raw = path.slice(1).split('/')
    const segments = decoded === path ? raw : decoded.slice(1).split('/')
    const values: string[] = []
    const names: string[] = []
    const found = _walk(root, 0)
    if (found === undefined) return null
    const params: Record<string, string> = {}
    for (let i = 0; i < names.length; i++) {
      try {
        params[names[i]!] = values[i]!.includes('%') ? decodeURIComponent(values[i]!) : values[i]!
      } catch {
        return 'bad-url'
      }
    }
    return { store: found, params }

    function _walk(node: _Node<T>, i: number): T | undefined {
      if (i === segments.length) return node.store
      const next = node.statics.get(segments[i]!)
      if (next !== undefined) {
        const hit = _walk(next, i + 1)
        if (hit !== undefined) return hit
      }
      if (node.param !== undefined && raw[i] !== '') {
        names.push(node.param.name)
        values.push(raw[i]!)
        const hit = _walk(node.param.node, i + 1)
        if (hit !== undefined) return hit
        names.pop()
        values.pop()
      }
      if (node.wildcard !== undefined) {
        names.push(node.wildcard.name)
        values.push(raw.slice(i).join('/'))
        return node.wildcard.store
      }
      return undefined
    }
  }

  return { on, has: (method, template) => declared.has(shape(method, template)), find }
}
