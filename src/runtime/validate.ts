import { Ajv } from 'ajv'
import type { JsonSchema } from '../change/instruction.ts'
import { type FieldIssue, HttpProblem, uniqueFieldIssues } from '../conventions/error/index.ts'
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
}

/**
 * Two ajv instances, shared by the routes of one API: bodies are validated as sent (no coercion), queries
 * with string coercion. Unknown properties are removed, not rejected (MUST IGNORE), unless a
 * route asks to be strict.
 *
 * @example
 * const validators = createVersionValidators(); const check = validators.body(plan.requestSchema('body', 0)!, false)
 */
export function createVersionValidators(): VersionValidators {
  // Defaults of the client's version apply before migration, as they would have when that version was head.
  const options = { allErrors: true, strict: false, useDefaults: true, removeAdditional: true } as const
  const bodyAjv = new Ajv({ ...options, coerceTypes: false })
  const strictAjv = new Ajv({ ...options, coerceTypes: false, removeAdditional: false })
  const queryAjv = new Ajv({ ...options, coerceTypes: 'array' })
  return {
    // Objects are closed either way: the lenient validator strips unknown fields, the strict one rejects them.
    body: (s, strict) => (strict ? strictAjv : bodyAjv).compile(assembleSchema(s.root, s.shapeOf, true)),
    query: (s) => queryAjv.compile(assembleSchema(s.root, s.shapeOf, true)),
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
