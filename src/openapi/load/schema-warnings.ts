import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import Ajv04 from 'ajv-draft-04'
import type { JsonObject } from './json-pointer.ts'
import type { OpenApiVersion } from './openapi-document.ts'

/** A fault against the OpenAPI schema that leaves the comparison defined: reported, not fatal. */
export interface OpenApiWarning {
  /** A JSON pointer into the document (`/paths/~1pets/get`). */
  readonly pointer: string
  readonly message: string
}

const validators = new Map<string, ValidateFunction>()

/**
 * The official OpenAPI 3.0 / 3.1 document schemas as `@seriousme/openapi-schema-validator` ships
 * them (tested on the APIs.guru collection, and correct for 3.1 documents that use `type` lists,
 * `const`, `$defs` or only `webhooks`), compiled once per process.
 */
function validatorFor(version: OpenApiVersion, allErrors: boolean): ValidateFunction {
  const key = `${version}|${allErrors}`
  let validate = validators.get(key)
  if (validate !== undefined) return validate
  const require = createRequire(import.meta.url)
  const file = require.resolve(`@seriousme/openapi-schema-validator/schemas/v${version}/schema.json`)
  const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonObject
  // The OpenAPI schemas are not written for ajv's strict mode; formats only annotate here. Unoptimized
  // code compiles in about half the time and validates a 4 MB document nearly as fast.
  const options = { strict: false, allErrors, validateFormats: false, code: { optimize: false } } as const
  // biome-ignore lint/suspicious/noExplicitAny: ajv-draft-04's default export is typed as a CommonJS module
  const ajv = version === '3.0' ? new (Ajv04 as any)(options) : new Ajv2020(options)
  validate = ajv.compile(schema) as ValidateFunction
  validators.set(key, validate)
  return validate
}

/**
 * Checks a document against the OpenAPI schema of its version and returns the faults, one per
 * place: where ajv explains one fault through several failed alternatives (`oneOf` of a Reference
 * and a Schema), only the deepest explanation is kept.
 *
 * @example
 * schemaWarnings({ openapi: '3.1.0', info: { title: 't' } }, '3.1') // [{ pointer: '/info', message: "must have required property 'version'" }]
 */
export function schemaWarnings(root: JsonObject, version: OpenApiVersion): OpenApiWarning[] {
  // Most documents are valid: a first pass stops at the first fault; only then are all collected.
  if (validatorFor(version, false)(root)) return []
  const validate = validatorFor(version, true)
  if (validate(root)) return []
  const errors = (validate.errors ?? []).filter((e) => !isBranchSummary(e))
  const out = new Map<string, OpenApiWarning>()
  for (const error of errors) {
    // A fault deeper in the same place explains the shallower ones (they only say a branch failed).
    if (errors.some((other) => other !== error && other.instancePath.startsWith(`${error.instancePath}/`))) continue
    const message = describe(error)
    out.set(`${error.instancePath}|${message}`, { pointer: error.instancePath, message })
  }
  return [...out.values()].slice(0, 50)
}

/** The errors that only report that alternatives or conditions failed, their cause listed beside them. */
function isBranchSummary(error: ErrorObject): boolean {
  return ['oneOf', 'anyOf', 'if', 'then', 'else', 'not', '$ref'].includes(error.keyword)
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperties') return `unknown property "${String(params.additionalProperty)}"`
  if (error.keyword === 'unevaluatedProperties') return `unknown property "${String(params.unevaluatedProperty)}"`
  return error.message ?? `fails ${error.keyword}`
}
