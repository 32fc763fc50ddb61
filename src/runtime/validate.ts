import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { JsonSchema } from '../../change/instruction.ts'
import { type FieldIssue, uniqueFieldIssues } from '../../conventions/error/index.ts'
import { assembleSchema } from '../../migrate/index.ts'

/** At most this many failed fields are listed in one 422; the rest are counted. */
export const MAX_LISTED_FIELDS = 50

/** Validates request parts against the schema of the client's version. */
export interface VersionValidators {
  body(
    schema: { root: JsonSchema; shapeOf: (name: string) => JsonSchema | undefined },
    strict: boolean,
  ): ValidateFunction
  query(schema: { root: JsonSchema; shapeOf: (name: string) => JsonSchema | undefined }): ValidateFunction
}

/**
 * Two ajv instances, shared by the routes of one plugin: bodies are validated as sent (no coercion), queries
 * with string coercion. Unknown properties are removed, not rejected (MUST IGNORE), unless a
 * route asks to be strict.
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
 * Turns ajv errors into the fields a 422 lists, named as the client's version names them.
 *
 * @example
 * fieldIssues(validate.errors ?? [])
 */
export function fieldIssues(errors: readonly ErrorObject[], prefix?: string): FieldIssue[] {
  const issues = errors.map((e) => {
    const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined
    const path = [...e.instancePath.split('/').filter(Boolean), ...(missing !== undefined ? [missing] : [])]
    const field = [prefix, ...path].filter(Boolean).join('.') || (prefix ?? 'body')
    return { field, message: e.message ?? 'is invalid', reason: e.keyword }
  })
  return uniqueFieldIssues(issues).slice(0, MAX_LISTED_FIELDS)
}
