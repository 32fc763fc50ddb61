import { escapePointerToken, getByPointer, isJsonObject, type JsonObject } from './json-pointer.ts'

/** A fault that leaves the comparison undefined: what a parameter, scheme or mapping means is unknown. */
export interface ComparisonFault {
  readonly pointer: string
  readonly message: string
  /** False for a fault that only leaves a value unconstrained (a template variable without its parameter). */
  readonly fatal?: false
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
const locations = new Set(['query', 'header', 'path', 'cookie'])

/**
 * Finds the faults that make a comparison meaningless, where a lesser fault (a missing
 * `description`) only makes the document untidy: a parameter without a name, a location, or
 * exactly one of `schema` and `content`; a path parameter not marked required; the same parameter
 * declared twice; a security requirement or a discriminator mapping that names nothing the document
 * declares. A path parameter missing from its template, or a template variable without its
 * parameter, is listed too, as not fatal.
 *
 * @example
 * comparisonFaults(root) // [{ pointer: '/paths/~1pets~1{id}/get/parameters/0', message: 'path parameter "id" must be marked required: true' }]
 */
export function comparisonFaults(root: JsonObject): ComparisonFault[] {
  const faults: ComparisonFault[] = []
  const resolve = (node: unknown): unknown => {
    for (let hops = 0; hops < 32 && isJsonObject(node) && typeof node.$ref === 'string'; hops++) {
      node = getByPointer(root, node.$ref)
    }
    return node
  }
  const schemes = isJsonObject(root.components) ? root.components.securitySchemes : undefined
  const declared = new Set(isJsonObject(schemes) ? Object.keys(schemes) : [])
  const checkSecurity = (security: unknown, at: string) => {
    if (!Array.isArray(security)) return
    security.forEach((requirement, i) => {
      if (!isJsonObject(requirement)) return
      for (const name of Object.keys(requirement)) {
        if (!declared.has(name)) {
          faults.push({
            pointer: `${at}/${i}/${escapePointerToken(name)}`,
            message: `security requirement names the scheme "${name}", which components.securitySchemes does not declare`,
          })
        }
      }
    })
  }
  checkSecurity(root.security, '/security')

  for (const group of ['paths', 'webhooks'] as const) {
    const items = root[group]
    if (!isJsonObject(items)) continue
    for (const [key, rawItem] of Object.entries(items)) {
      const itemAt = `/${group}/${escapePointerToken(key)}`
      const item = resolve(rawItem)
      if (!isJsonObject(item)) continue
      const shared = parametersOf(item.parameters, `${itemAt}/parameters`, resolve, faults)
      for (const method of methods) {
        const operation = item[method]
        if (!isJsonObject(operation)) continue
        const opAt = `${itemAt}/${method}`
        const own = parametersOf(operation.parameters, `${opAt}/parameters`, resolve, faults)
        checkSecurity(operation.security, `${opAt}/security`)
        if (group !== 'paths') continue
        const names = new Set(
          [...own, ...shared.filter((s) => !own.some((o) => o.key === s.key))]
            .filter((p) => p.in === 'path')
            .map((p) => p.name),
        )
        const variables = new Set([...key.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!))
        for (const variable of variables) {
          if (!names.has(variable)) {
            // Undeclared, the variable accepts any text on both sides alike: untidy, not undefined.
            faults.push({
              pointer: opAt,
              message: `the path template variable {${variable}} has no path parameter "${variable}"`,
              fatal: false,
            })
          }
        }
        for (const name of names) {
          if (!variables.has(name)) {
            faults.push({
              pointer: opAt,
              message: `path parameter "${name}" is not a variable of the path ${key}`,
              fatal: false,
            })
          }
        }
      }
    }
  }
  checkMappings(root, faults)
  return faults
}

interface _Parameter {
  readonly key: string
  readonly name: string
  readonly in: string
}

function parametersOf(
  list: unknown,
  at: string,
  resolve: (node: unknown) => unknown,
  faults: ComparisonFault[],
): _Parameter[] {
  if (!Array.isArray(list)) return []
  const out: _Parameter[] = []
  list.forEach((raw, i) => {
    const pointer = `${at}/${i}`
    const p = resolve(raw)
    if (!isJsonObject(p)) {
      faults.push({ pointer, message: 'a parameter must be an object' })
      return
    }
    if (typeof p.name !== 'string' || typeof p.in !== 'string' || !locations.has(p.in)) {
      faults.push({ pointer, message: 'a parameter needs a "name" and an "in" of query, header, path or cookie' })
      return
    }
    const hasSchema = p.schema !== undefined
    const media = isJsonObject(p.content) ? Object.keys(p.content).length : 0
    if (hasSchema === (p.content !== undefined) || (!hasSchema && media !== 1)) {
      faults.push({
        pointer,
        message: `parameter "${p.name}" needs exactly one of "schema" or "content" (with one media type): what it accepts is undefined`,
      })
    }
    if (p.in === 'path' && p.required !== true) {
      faults.push({ pointer, message: `path parameter "${p.name}" must be marked required: true` })
    }
    const key = `${p.in}|${p.in === 'header' ? p.name.toLowerCase() : p.name}`
    if (out.some((o) => o.key === key)) {
      faults.push({ pointer, message: `parameter "${p.name}" in ${p.in} is declared twice in the same list` })
    }
    out.push({ key, name: p.name, in: p.in })
  })
  return out
}

/** Discriminator mappings name schemas by `$ref`-like strings that no `$ref` check sees. */
function checkMappings(root: JsonObject, faults: ComparisonFault[]): void {
  const seen = new Set<unknown>()
  const visit = (node: unknown, at: string, depth: number) => {
    if (depth > 512 || typeof node !== 'object' || node === null || seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node[i], `${at}/${i}`, depth + 1)
      return
    }
    const object = node as JsonObject
    const mapping = isJsonObject(object.discriminator) ? object.discriminator.mapping : undefined
    if (isJsonObject(mapping)) {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target !== 'string' || !target.startsWith('#')) continue
        if (getByPointer(root, target) === undefined) {
          faults.push({
            pointer: `${at}/discriminator/mapping/${escapePointerToken(value)}`,
            message: `discriminator mapping "${value}" points to ${target}, which does not exist`,
          })
        }
      }
    }
    for (const [key, child] of Object.entries(object)) visit(child, `${at}/${escapePointerToken(key)}`, depth + 1)
  }
  visit(root.components, '/components', 0)
  visit(root.paths, '/paths', 0)
  visit(root.webhooks, '/webhooks', 0)
}
