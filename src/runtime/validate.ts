// JSON Schema 2020-12, as Strata documents (draft-07 Ajv would ignore `prefixItems`).
import { Ajv2020 as Ajv } from 'ajv/dist/2020.js'
import type { JsonSchema } from '../change/instruction.ts'
import { type FieldIssue, HttpProblem, uniqueFieldIssues } from '../conventions/error/index.ts'
import { StrataError } from '../error/index.ts'
import { codeGeneration } from '../migrate/codegen.ts'
import { assembleSchema } from '../migrate/index.ts'

/** At most this many failed fields are listed in one 422; the rest are counted. */
export const MAX_LISTED_FIELDS = 50

/** One failure as a JSON Schema validator reports it (ajv's `ErrorObject`, and Fastify's validation items). */
export interface ValidationItem {
  readonly instancePath?: string
  readonly message?: string
  readonly keyword?: string
  readonly params?: Record<string, unknown>
}

/** A compiled validator of one request part at one version. */
export interface PartValidator {
  (data: unknown): boolean
  errors?: readonly ValidationItem[] | null
}

/** A request part's schema at one version: its root and the named shapes it reaches. */
export interface VersionedSchema {
  readonly root: JsonSchema
  readonly shapeOf: (name: string) => JsonSchema | undefined
}

/** Validates request parts against the schema of the client's version. */
export interface VersionValidators {
  body(schema: VersionedSchema, strict: boolean): PartValidator
  query(schema: VersionedSchema): PartValidator
  /** Every schema compiled so far, as `strata validators` generates them ahead of time. */
  compiledSchemas(): readonly ValidatorSchema[]
}

/** The three validator kinds: bodies as sent (unknown fields removed), strict bodies, coerced queries. */
export type ValidatorKind = 'body' | 'strict' | 'query'

/** One schema a validator was compiled from, under the key its precompiled form is looked up by. */
export interface ValidatorSchema {
  readonly key: string
  readonly kind: ValidatorKind
  readonly schema: JsonSchema
}

/**
 * Validators generated ahead of time by `strata validators` (Ajv's standalone code), keyed by
 * `validatorKey`: used where the platform forbids generating code at start-up.
 */
export type PrecompiledValidators = Readonly<Record<string, PartValidator>>

/** The ajv options of each kind; `strata validators` generates standalone code with the same. */
export function ajvOptions(kind: ValidatorKind) {
  // Defaults of the client's version apply before migration, as they would have when that version was head.
  const options = { allErrors: true, strict: false, useDefaults: true, removeAdditional: true } as const
  if (kind === 'query') return { ...options, coerceTypes: 'array' } as const
  return { ...options, coerceTypes: false, removeAdditional: kind === 'body' } as const
}

/**
 * The lookup key of a schema's validator: its kind and a 53-bit hash of its JSON text (cyrb53), so a
 * precompiled validator is found by content and a stale one is never used for a changed schema.
 */
export function validatorKey(kind: ValidatorKind, schema: JsonSchema): string {
  const text = JSON.stringify(schema)
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return `${kind}_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`
}

/**
 * Three ajv instances, shared by the routes of one API: bodies are validated as sent (no coercion), queries
 * with string coercion. Unknown properties are removed, not rejected (MUST IGNORE), unless a
 * route asks to be strict. Where generating code is not allowed (Workers, Node with
 * `--disallow-code-generation-from-strings`), the `precompiled` validators serve instead; a schema
 * without one is refused at start-up, naming the command that generates them.
 *
 * @example
 * const validators = createVersionValidators(); const check = validators.body(plan.requestSchema('body', 0)!, false)
 */
export function createVersionValidators(precompiled?: PrecompiledValidators): VersionValidators {
  const ajvs = new Map<ValidatorKind, Ajv>()
  const seen = new Map<string, ValidatorSchema>()
  const compile = (kind: ValidatorKind, s: VersionedSchema): PartValidator => {
    // Objects are closed either way: the lenient validator strips unknown fields, the strict one rejects them.
    const schema = assembleSchema(s.root, s.shapeOf, true)
    const key = validatorKey(kind, schema)
    if (!seen.has(key)) seen.set(key, { key, kind, schema })
    const ready = precompiled?.[key]
    if (ready !== undefined) return ready
    if (!codeGeneration()) {
      throw new StrataError(
        'STRATA_ERR_VALIDATORS_NOT_PRECOMPILED',
        `This platform does not allow generating code at start-up, and no precompiled validator matches a ${kind} schema (${key}); run \`strata validators --app <module> --out <file>\` at build time and pass its default export as the runtime's \`validators\` option.`,
      )
    }
    let ajv = ajvs.get(kind)
    if (ajv === undefined) {
      ajv = new Ajv(ajvOptions(kind))
      ajvs.set(kind, ajv)
    }
    return ajv.compile(schema)
  }
  return {
    body: (s, strict) => compile(strict ? 'strict' : 'body', s),
    query: (s) => compile('query', s),
    compiledSchemas: () => [...seen.values()],
  }
}

/**
 * Turns validator failures into the fields a 422 lists, named as the client's version names them;
 * `prefix` names the part for parts other than body and query (`params.id`, `headers.x-key`).
 *
 * @example
 * fieldIssues(validate.errors ?? [])
 */
export function fieldIssues(errors: readonly ValidationItem[], prefix?: string): FieldIssue[] {
  const issues = errors.map((e) => {
    const missing = e.keyword === 'required' ? e.params?.missingProperty : undefined
    const path = [
      ...(e.instancePath ?? '').split('/').filter(Boolean),
      ...(typeof missing === 'string' ? [missing] : []),
    ]
    const field = [prefix, ...path].filter(Boolean).join('.') || (prefix ?? 'body')
    return { field, message: e.message ?? 'is invalid', ...(e.keyword ? { reason: e.keyword } : {}) }
  })
  return uniqueFieldIssues(issues).slice(0, MAX_LISTED_FIELDS)
}

/**
 * The 422 problem listing failed fields.
 *
 * @example
 * throw validationProblem(fieldIssues(validate.errors ?? []))
 */
export function validationProblem(fields: readonly FieldIssue[]): HttpProblem {
  return new HttpProblem({
    status: 422,
    code: 'VALIDATION_FAILED',
    message: `${fields.length} field${fields.length === 1 ? '' : 's'} failed validation`,
    detail: fields.map((f) => `${f.field} ${f.message}.`).join(' '),
    fields: [...fields],
    suggestion: 'Correct the listed fields and send the request again',
  })
}
