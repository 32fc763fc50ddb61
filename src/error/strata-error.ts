import { type StrataErrorCode, strataErrorCodes } from './codes.ts'

/**
 * A programmer or configuration error, thrown when an API is defined, with a stable `code`
 * from the catalogue and a message that says how to fix it.
 *
 * @example
 * throw new StrataError('STRATA_ERR_VERSION_DUPLICATE', 'Version 2023-01-01 is declared twice; remove one.')
 */
export class StrataError extends Error {
  override readonly name = 'StrataError'
  readonly code: StrataErrorCode

  constructor(code: StrataErrorCode, message: string) {
    super(`${message} [${code}]`)
    this.code = code
  }

  /** The one-line summary of this error's code from the catalogue. */
  get summary(): string {
    return strataErrorCodes[this.code]
  }
}

/**
 * Tells whether a value is a {@link StrataError}, optionally with a given code.
 *
 * @example
 * if (isStrataError(err, 'STRATA_ERR_VERSION_DUPLICATE')) console.error(err.message)
 */
export function isStrataError(value: unknown, code?: StrataErrorCode): value is StrataError {
  return value instanceof StrataError && (code === undefined || value.code === code)
}
