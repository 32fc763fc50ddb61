import { readFileSync } from 'node:fs'
import path from 'node:path'
import { OpenApiInputError } from './input-error.ts'
import { escapePointerToken, getByPointer, isJsonObject, type JsonObject, toPointer } from './json-pointer.ts'
import { parseSource } from './parse-source.ts'

/** The key under which documents reached through relative `$ref`s are stored in the root document. */
export const externalKey = 'x-strata-external'

/**
 * Rewrites every relative `$ref` (`schemas/pet.yaml#/Pet`) of a parsed document into a local one,
 * storing each referenced file once under `x-strata-external`, and checks that every local `$ref`
 * resolves. Files are read once each, so reference cycles between files terminate.
 *
 * @example
 * bundleRefs(root, 'api/openapi.yaml')
 */
export function bundleRefs(root: JsonObject, file: string): void {
  const external: JsonObject = {}
  const keysByFile = new Map<string, string>()
  const rootDir = path.dirname(path.resolve(file))
  const pending: Array<{ value: unknown; file: string; prefix: string; display: string }> = [
    { value: root, file: path.resolve(file), prefix: '', display: file },
  ]
  const checks: Array<{ ref: string; display: string; at: string }> = []

  const keyFor = (target: string, fromDisplay: string, at: string): string => {
    const existing = keysByFile.get(target)
    if (existing !== undefined) return existing
    const key = path.relative(rootDir, target).split(path.sep).join('/')
    keysByFile.set(target, key)
    let text: string
    try {
      text = readFileSync(target, 'utf8')
    } catch {
      throw new OpenApiInputError(`$ref points to a file that cannot be read: ${key}`, {
        file: fromDisplay,
        pointer: at,
      })
    }
    const display = path.join(path.dirname(file), key)
    external[key] = parseSource(text, display)
    pending.push({
      value: external[key],
      file: target,
      prefix: `/${externalKey}/${escapePointerToken(key)}`,
      display,
    })
    return key
  }

  while (pending.length > 0) {
    const item = pending.pop()
    if (item === undefined) break
    walk(item.value, [], item.display, (node, at) => {
      const ref = node.$ref
      if (typeof ref !== 'string') return
      const atPointer = toPointer(at)
      if (ref.startsWith('#')) {
        if (item.prefix !== '') node.$ref = `#${item.prefix}${ref.slice(1)}`
        checks.push({ ref: node.$ref as string, display: item.display, at: atPointer })
        return
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
        throw new OpenApiInputError(`remote $ref is not supported: ${ref}`, {
          file: item.display,
          pointer: `${atPointer}/$ref`,
        })
      }
      const hash = ref.indexOf('#')
      const target = path.resolve(path.dirname(item.file), hash === -1 ? ref : ref.slice(0, hash))
      const fragment = hash === -1 ? '' : ref.slice(hash + 1)
      const key = keyFor(target, item.display, `${atPointer}/$ref`)
      node.$ref = `#/${externalKey}/${escapePointerToken(key)}${fragment}`
      checks.push({ ref: node.$ref as string, display: item.display, at: atPointer })
    })
  }
  if (keysByFile.size > 0) root[externalKey] = external

  const resolves = new Set<string>()
  for (const check of checks) {
    if (resolves.has(check.ref)) continue
    if (getByPointer(root, check.ref) !== undefined) resolves.add(check.ref)
    else {
      throw new OpenApiInputError(`$ref does not resolve: ${check.ref}`, {
        file: check.display,
        pointer: `${check.at}/$ref`,
      })
    }
  }
}

/**
 * How deeply a document may nest. Real descriptions stay within a few dozen levels; the comparison
 * recurses once or twice per level, so a far deeper (hostile or generated) document is refused here,
 * with its place, instead of overflowing the stack later.
 */
export const maxNesting = 512

function walk(
  value: unknown,
  at: (string | number)[],
  display: string,
  visit: (node: JsonObject, at: (string | number)[]) => void,
) {
  if (at.length > maxNesting) {
    throw new OpenApiInputError(`the document nests deeper than ${maxNesting} levels`, {
      file: display,
      pointer: toPointer(at.slice(0, 16)),
    })
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i)
      walk(value[i], at, display, visit)
      at.pop()
    }
    return
  }
  if (!isJsonObject(value)) return
  visit(value, at)
  for (const key of Object.keys(value)) {
    const child = value[key]
    if (typeof child !== 'object' || child === null) continue
    at.push(key)
    walk(child, at, display, visit)
    at.pop()
  }
}
