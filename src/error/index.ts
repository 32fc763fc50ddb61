/** Programmer and configuration errors: the catalogue and the error class. */
export { type StrataErrorCode, strataErrorCodes } from './codes.ts'
export { isStrataError, StrataError } from './strata-error.ts'
