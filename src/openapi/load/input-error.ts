/**
 * An OpenAPI document that cannot be read: a missing file, a syntax error, a dangling `$ref`, or a
 * document that is not OpenAPI 3.0/3.1. It names the file and, when known, the location inside it.
 *
 * @example
 * throw new OpenApiInputError('Expected an OpenAPI 3.0 or 3.1 document.', { file: 'old.yaml', pointer: '/openapi' })
 */
export class OpenApiInputError extends Error {
  override readonly name = 'OpenApiInputError'
  /** The file the problem is in, as given by the caller. */
  readonly file: string
  /** A JSON pointer inside the file (`/paths/~1pets/get`), when known. */
  readonly pointer: string | undefined
  /** A 1-based line number, when known. */
  readonly line: number | undefined
  /** A 1-based column number, when known. */
  readonly column: number | undefined
  /** The problem without the file and location prefix. */
  readonly reason: string

  constructor(reason: string, where: OpenApiInputLocation) {
    super(`${formatWhere(where)}: ${reason}`)
    this.reason = reason
    this.file = where.file
    this.pointer = where.pointer
    this.line = where.line
    this.column = where.column
  }
}

/** Where an input problem is: the file and, when known, a JSON pointer or a line and column. */
export interface OpenApiInputLocation {
  file: string
  pointer?: string | undefined
  line?: number | undefined
  column?: number | undefined
}

/**
 * Tells whether a value is an {@link OpenApiInputError}.
 *
 * @example
 * if (isOpenApiInputError(err)) console.error(err.message)
 */
export function isOpenApiInputError(value: unknown): value is OpenApiInputError {
  return value instanceof OpenApiInputError
}

function formatWhere(where: OpenApiInputLocation): string {
  let text = where.file
  if (where.line !== undefined) text += `:${where.line}${where.column === undefined ? '' : `:${where.column}`}`
  if (where.pointer !== undefined) text += ` at ${where.pointer === '' ? '/' : where.pointer}`
  return text
}
