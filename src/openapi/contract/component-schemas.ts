import type { JsonSchema } from '../../change/index.ts'
import { schemaByName } from '../../schema/index.ts'

/** A version's shape lookup, as the migration engine hands it out with a route's schemas. */
export type ShapeOf = (name: string) => JsonSchema | undefined

const LOCAL_REF = '#/$defs/'

/**
 * The `components/schemas` of one contract, filled as routes are added. Named head schemas
 * (`defineSchema`) become components referenced by `$ref`; a route's anonymous body, query or
 * response root is inlined where it is used.
 *
 * @example
 * const components = new ComponentSchemas()
 * const schema = components.add({ $ref: '#/$defs/Asset' }, shapeOf) // { $ref: '#/components/schemas/Asset' }
 */
export class ComponentSchemas {
  readonly #schemas = new Map<string, JsonSchema>()

  /**
   * Turns a normalized schema (its named parts as `#/$defs/<name>` references) into an OpenAPI
   * schema whose named parts point at `#/components/schemas/<name>`, registering each one at the
   * version `shapeOf` describes.
   *
   * @example
   * const components = new ComponentSchemas()
   * const body = components.add(plan.requestSchema('body', 0)!.root, plan.requestSchema('body', 0)!.shapeOf)
   */
  add(root: JsonSchema, shapeOf: ShapeOf): JsonSchema {
    return this.#visit(root, shapeOf, new Set()) as JsonSchema
  }

  /** The component of a name, or `undefined`. */
  get(name: string): JsonSchema | undefined {
    return this.#schemas.get(name)
  }

  /** Follows one `#/components/schemas/...` reference, or returns the schema itself. */
  resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
    const ref = schema?.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return schema
    return this.#schemas.get(ref.slice('#/components/schemas/'.length))
  }

  /** Every component, sorted by name. */
  toObject(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.#schemas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }

  #visit(node: unknown, shapeOf: ShapeOf, inlining: Set<string>): unknown {
    if (Array.isArray(node)) return node.map((n) => this.#visit(n, shapeOf, inlining))
    if (typeof node !== 'object' || node === null) return node
    const ref = (node as JsonSchema).$ref
    if (typeof ref === 'string' && ref.startsWith(LOCAL_REF)) {
      const name = ref.slice(LOCAL_REF.length)
      const shape = shapeOf(name) ?? {}
      // Route roots carry generated names ("GET /assets #200"): inline them, once per chain.
      if (schemaByName(name) === undefined) {
        if (inlining.has(name)) return {}
        return this.#visit(shape, shapeOf, new Set([...inlining, name]))
      }
      if (!this.#schemas.has(name)) {
        this.#schemas.set(name, {})
        this.#schemas.set(name, this.#visit(shape, shapeOf, inlining) as JsonSchema)
      }
      return { $ref: `#/components/schemas/${name}` }
    }
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== '$schema' && k !== '$id')
        .map(([k, v]) => [k, this.#visit(v, shapeOf, inlining)]),
    )
  }
}
