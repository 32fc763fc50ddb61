import type { Converter, Direction, NamedResolver } from './codegen.ts'
import { type Conv, isIdentityConv, isIdentityMap, type ObjMap, type RestProps, type Stage } from './conv.ts'
import { unionDispatch } from './union-dispatch.ts'

const _identity: Converter = (v) => v
const _isObject = (o: unknown): o is Record<string, unknown> => o !== null && typeof o === 'object' && !Array.isArray(o)

/** Sets a property by name even when the name is `__proto__` (never touching a prototype). */
export function setProp(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) return
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** The conv of an undeclared property: the first pattern it matches, else `additional`. */
export function restConv(
  patterns: readonly (readonly [RegExp, Converter])[],
  additional: Converter | undefined,
  key: string,
): Converter | undefined {
  for (const [re, conv] of patterns) if (re.test(key)) return conv
  return additional
}

/**
 * Builds a converter from a conv as plain closures, with exactly the results of the generated code:
 * the fallback where a platform forbids generating code at start-up (Workers, Node with
 * `--disallow-code-generation-from-strings`).
 *
 * @example
 * const down = interpretConv([{ kind: 'object', map }], 'response', resolver)
 */
export function interpretConv(conv: Conv, direction: Direction, named: NamedResolver): Converter | undefined {
  const isIdentity = (name: string): boolean => named.converter(name, false) === undefined
  const ofConv = (c: Conv): Converter | undefined => {
    if (isIdentityConv(c, isIdentity)) return undefined
    const steps = c.map(ofStage).filter((s) => s !== undefined)
    if (steps.length === 1) return steps[0]
    return (v) => (v == null ? v : steps.reduce<unknown>((acc, fn) => fn(acc), v))
  }
  const ofStage = (stage: Stage): Converter | undefined => {
    switch (stage.kind) {
      case 'fn':
        return stage.fn
      case 'named':
        return named.converter(stage.name, stage.open === true)
      case 'object':
        return isIdentityMap(stage.map, isIdentity) ? undefined : ofMap(stage.map)
      case 'items': {
        const inner = ofConv(stage.conv)
        return inner === undefined ? undefined : (a) => (Array.isArray(a) ? a.map((x) => inner(x)) : a)
      }
      case 'tuple': {
        const prefix = stage.prefix.map((p) => ofConv(p) ?? _identity)
        const rest = ofConv(stage.rest) ?? _identity
        return (a) => (Array.isArray(a) ? a.map((x, i) => (i < prefix.length ? prefix[i]! : rest)(x)) : a)
      }
      case 'union': {
        const convs = stage.convs.map(ofConv)
        const pick = unionDispatch(
          stage.branches,
          convs.map((c) => c !== undefined),
          (name) => named.shape(name),
          stage.at,
        )
        return (v) => {
          const c = convs[pick(v)]
          return c === undefined ? v : c(v)
        }
      }
      case 'all': {
        const parts = stage.parts.map(ofConv).filter((p) => p !== undefined)
        return parts.length === 0 ? undefined : (v) => parts.reduce<unknown>((acc, fn) => fn(acc), v)
      }
    }
  }
  const ofRest = (rest: RestProps | undefined, declared: readonly string[]) => {
    if (rest === undefined) return undefined
    const patterns = rest.patterns.map((p) => [new RegExp(p.pattern, 'u'), ofConv(p.conv) ?? _identity] as const)
    const additional = rest.additional === undefined ? undefined : (ofConv(rest.additional) ?? _identity)
    const skip = new Set(declared)
    return (o: Record<string, unknown>, r: Record<string, unknown>): void => {
      for (const k of Object.keys(o)) {
        if (skip.has(k)) continue
        const c = restConv(patterns, additional, k)
        if (c !== undefined) setProp(r, k, c(o[k]))
      }
    }
  }
  const ofMap = (map: ObjMap): Converter => {
    const props = [...map.props].map(([name, src]) => ({ name, src, fn: ofConv(src.conv) }))
    const rest = ofRest(map.rest, map.source)
    if (direction === 'response') {
      return (o) => {
        if (!_isObject(o)) return o
        const r: Record<string, unknown> = {}
        for (const { name, src, fn } of props) {
          const raw = src.from === undefined ? undefined : o[src.from]
          const value = src.from === undefined ? undefined : fn ? fn(raw) : raw
          r[name] =
            src.fallback === undefined
              ? value
              : src.from === undefined || raw === undefined
                ? src.fallback.value
                : value
        }
        rest?.(o, r)
        return r
      }
    }
    return (o) => {
      if (!_isObject(o)) return o
      const r: Record<string, unknown> = {}
      for (const { name, src, fn } of props) {
        if (src.from === undefined) {
          if (src.fallback !== undefined) r[name] = src.fallback.value
          continue
        }
        const v = o[src.from]
        if (v !== undefined) r[name] = fn ? fn(v) : v
        else if (src.fallback !== undefined) r[name] = src.fallback.value
      }
      rest?.(o, r)
      return r
    }
  }
  return ofConv(conv)
}
