import { bundleRefs } from './bundle-refs.ts'
import { comparisonFaults } from './comparison-faults.ts'
import { OpenApiInputError } from './input-error.ts'
import { isJsonObject, type JsonObject } from './json-pointer.ts'
import { type OpenApiWarning, schemaWarnings } from './schema-warnings.ts'

/** The OpenAPI major.minor lines the checker reads. */
export type OpenApiVersion = '3.0' | '3.1'

/** A loaded OpenAPI document: every `$ref` is local and resolves. */
export interface OpenApiDocument {
  /** The file the document came from, as the caller named it (or a label for in-memory documents). */
  readonly file: string
  readonly version: OpenApiVersion
  readonly root: JsonObject
  /**
   * Faults against the OpenAPI schema of its version that leave the comparison defined (a missing
   * `description` or `responses`); the comparison goes on and reports may show them.
   */
  readonly warnings: readonly OpenApiWarning[]
}

/** Options of {@link toOpenApiDocument} and `loadOpenApi`. */
export interface LoadOptions {
  /**
   * What to do with a fault that leaves the comparison undefined (a parameter with neither `schema`
   * nor `content`, a path parameter not marked required, ...): `fail` (the default) throws an
   * {@link OpenApiInputError} naming the file and pointer; `warn` lists it among the warnings and
   * compares as best it can, as scoring third-party fixtures needs.
   */
  readonly faults?: 'fail' | 'warn'
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * Checks parsed data as an OpenAPI 3.0/3.1 document and makes its `$ref`s local. The value is
 * modified in place (relative `$ref`s are rewritten), so pass a copy if you need the original.
 *
 * @example
 * const doc = toOpenApiDocument({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }, 'inline')
 */
export function toOpenApiDocument(value: unknown, file: string, options: LoadOptions = {}): OpenApiDocument {
  if (!isJsonObject(value)) {
    throw new OpenApiInputError('expected an OpenAPI document (a JSON or YAML object) at the top level', {
      file,
      pointer: '',
    })
  }
  const version = readVersion(value, file)
  checkShape(value, file)
  bundleRefs(value, file)
  const faults = comparisonFaults(value)
  const fatal = faults.filter((f) => f.fatal !== false)
  const fault = fatal[0]
  if (fault !== undefined && options.faults !== 'warn') {
    const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more such fault${fatal.length > 2 ? 's' : ''})` : ''
    throw new OpenApiInputError(`${fault.message}; the comparison would be undefined${more}`, {
      file,
      pointer: fault.pointer,
    })
  }
  return {
    file,
    version,
    root: value,
    warnings: [...faults.map(({ pointer, message }) => ({ pointer, message })), ...schemaWarnings(value, version)],
  }
}

function readVersion(root: JsonObject, file: string): OpenApiVersion {
  const declared = root.openapi
  if (declared === undefined) {
    const hint =
      root.swagger === undefined ? '' : ` (found swagger: ${String(root.swagger)}; convert it to OpenAPI 3 first)`
    throw new OpenApiInputError(`missing the "openapi" field: expected an OpenAPI 3.0 or 3.1 document${hint}`, {
      file,
      pointer: '/openapi',
    })
  }
  const text = String(declared)
  if (/^3\.0(\.\d+)?$/.test(text)) return '3.0'
  if (/^3\.1(\.\d+)?$/.test(text)) return '3.1'
  throw new OpenApiInputError(`unsupported OpenAPI version ${JSON.stringify(declared)}: expected 3.0.x or 3.1.x`, {
    file,
    pointer: '/openapi',
  })
}

function checkShape(root: JsonObject, file: string): void {
  for (const key of ['paths', 'components', 'webhooks'] as const) {
    if (root[key] !== undefined && !isJsonObject(root[key])) {
      throw new OpenApiInputError(`"${key}" must be an object`, { file, pointer: `/${key}` })
    }
  }
  const paths = root.paths
  if (!isJsonObject(paths)) return
  for (const [template, item] of Object.entries(paths)) {
    const at = `/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}`
    if (!template.startsWith('/')) {
      throw new OpenApiInputError(`path "${template}" must start with "/"`, { file, pointer: at })
    }
    if (!isJsonObject(item)) throw new OpenApiInputError('a path item must be an object', { file, pointer: at })
    for (const method of httpMethods) {
      const operation = item[method]
      if (operation !== undefined && !isJsonObject(operation)) {
        throw new OpenApiInputError('an operation must be an object', { file, pointer: `${at}/${method}` })
      }
      if (
        isJsonObject(operation) &&
        operation.responses !== undefined &&
        operation.responses !== null &&
        !isJsonObject(operation.responses)
      ) {
        throw new OpenApiInputError('"responses" must be an object', { file, pointer: `${at}/${method}/responses` })
      }
    }
  }
}
