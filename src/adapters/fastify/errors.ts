import type { FastifyError } from 'fastify'
import { HttpProblem, isHttpProblem } from '../../conventions/error/index.ts'
import { fieldIssues, problemOf, type ValidationItem, validationProblem } from '../../runtime/index.ts'

function _fields(items: readonly ValidationItem[], context: string | undefined) {
  // Body and query fields are named as the client sent them; path and header ones keep their context.
  const prefix = context === 'body' || context === 'querystring' ? undefined : context
  return fieldIssues(items, prefix)
}

const byFastifyCode: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'INVALID_REQUEST',
    message: 'The request URL is not valid: its path has an invalid percent-encoding',
  },
  // Fastify's `maxParamLength` (100 by default): one path parameter longer than that.
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    message: 'A path parameter of the request URL is longer than the limit',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than the limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body has a media type this route does not read; send application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'INVALID_REQUEST',
    message: 'The request says its body is JSON but the body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'INVALID_REQUEST',
    message: 'The request body is not valid JSON',
  },
}

/**
 * Turns anything a Fastify route or hook threw into an {@link HttpProblem}: Strata problems pass
 * through, validation failures become a 422 listing every field, parser errors keep their 4xx,
 * and anything else becomes a 500 that reveals nothing internal.
 *
 * @example
 * app.setErrorHandler((err, req, reply) => send(reply, toProblem(err)))
 */
export function toProblem(error: unknown): HttpProblem {
  if (isHttpProblem(error)) return error
  const err = error as Partial<FastifyError> & {
    validation?: readonly ValidationItem[]
    validationContext?: string
  }
  if (Array.isArray(err.validation)) return validationProblem(_fields(err.validation, err.validationContext))
  const known = err.code !== undefined ? byFastifyCode[err.code] : undefined
  if (known !== undefined) return new HttpProblem(known)
  if (error instanceof SyntaxError || (err.statusCode === 400 && err.code === undefined)) {
    return new HttpProblem({
      status: 400,
      code: 'INVALID_REQUEST',
      message: 'The request body is not valid JSON',
    })
  }
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) {
    return new HttpProblem({
      status,
      code: 'INVALID_REQUEST',
      message: err.message ?? 'The request is invalid',
    })
  }
  return problemOf(error)
}
