import secureJson from 'secure-json-parse'
import { HttpProblem } from '../conventions/error/index.ts'
import { checkJsonShape } from './json-shape.ts'
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.ts'

/** The default largest request body, in bytes (as Fastify's `bodyLimit`). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

// Fatal: bytes that are not UTF-8 are refused, never replaced with U+FFFD and stored.
const _utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

const _isJson = (type: string): boolean => {
  const essence = type.split(';')[0]!.trim().toLowerCase()
  return essence === 'application/json' || (essence.startsWith('application/') && essence.endsWith('+json'))
}

/**
 * Parses a request body as JSON, with the errors Fastify gives for the same faults: 413 past the
 * limit, 415 for a media type other than JSON, 400 for an empty or malformed JSON body, for bytes
 * that are not UTF-8 and for a key named twice in one object; 413 past the nesting depth or array
 * length of `shape`. `__proto__` and `constructor.prototype` keys are refused (400), never merged
 * into prototypes.
 *
 * @example
 * const body = parseJsonBody(raw, request.headers['content-type'], DEFAULT_BODY_LIMIT)
 */
export function parseJsonBody(
  raw: string | Uint8Array | undefined,
  contentType: string | undefined,
  limit: number,
  shape: Pick<Required<RequestLimits>, 'maxJsonDepth' | 'maxJsonArrayLength'> = DEFAULT_REQUEST_LIMITS,
): unknown {
  if (raw === undefined) return undefined
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength
  if (size === 0 && contentType === undefined) return undefined
  if (size > limit) {
    throw new HttpProblem({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than the limit',
    })
  }
  if (contentType === undefined || !_isJson(contentType)) {
    if (size === 0) return undefined
    throw new HttpProblem({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The request body has a media type this route does not read; send application/json',
    })
  }
  let text: string
  try {
    text = typeof raw === 'string' ? raw : _utf8.decode(raw)
  } catch {
    throw new HttpProblem({ status: 400, code: 'INVALID_REQUEST', message: 'The request body is not valid UTF-8' })
  }
  if (text.trim() === '') {
    throw new HttpProblem({
      status: 400,
      code: 'INVALID_REQUEST',
      message: 'The request says its body is JSON but the body is empty',
    })
  }
  checkJsonShape(text, shape)
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })
  } catch {
    throw new HttpProblem({ status: 400, code: 'INVALID_REQUEST', message: 'The request body is not valid JSON' })
  }
}
