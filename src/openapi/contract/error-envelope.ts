import type { Api } from '../../api/index.ts'
import type { JsonSchema, ProblemParts } from '../../change/index.ts'
import { type ErrorFormat, HttpProblem, problemJsonFormat } from '../../conventions/error/index.ts'
import { inferSchema } from './infer-schema.ts'

/** The error bodies of one version: per media type, a schema for its `components`. */
export interface ErrorEnvelope {
  /** Media type (without parameters) -> component name and schema. */
  readonly media: ReadonlyMap<string, { readonly name: string; readonly schema: JsonSchema }>
}

// A problem with only the required parts, and one with every optional part, so inference can
// tell which members every error carries.
const samples: readonly ProblemParts[] = [
  { status: 404, code: 'NOT_FOUND', message: 'Asset 7 does not exist' },
  {
    status: 422,
    code: 'VALIDATION_FAILED',
    message: '1 field failed validation',
    suggestion: 'Correct the listed fields and send the request again',
    detail: 'title must be a string.',
    fields: [{ field: 'title', message: 'must be a string', reason: 'type' }],
  },
]

const mediaOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase()

function _render(format: ErrorFormat, migrate: ((p: ProblemParts) => void) | undefined): unknown[] {
  return samples.map((sample, i) => {
    const parts: ProblemParts = {
      ...sample,
      ...(sample.fields ? { fields: sample.fields.map((f) => ({ ...f })) } : {}),
    }
    migrate?.(parts)
    const problem = new HttpProblem({ ...parts, ...(i === 1 ? { docUrl: 'https://example.com/errors' } : {}) })
    return format.render(problem, {
      path: '/example',
      now: new Date(0),
      ...(i === 1 ? { requestId: 'req-1' } : {}),
    })
  })
}

/**
 * Describes the error bodies clients of one version receive: the API's error format (after that
 * version's error migrations) and RFC 9457 problem+json, which clients may ask for with `Accept`.
 * The schemas are inferred from rendered examples, since formats are functions.
 *
 * @example
 * const envelope = describeErrors(api, undefined, 0)
 * envelope.media.get('application/json')?.schema
 */
export function describeErrors(api: Api, scope: string | undefined, index: number): ErrorEnvelope {
  const migrate = api.errorPlan(scope, index)
  const media = new Map<string, { name: string; schema: JsonSchema }>()
  for (const [format, name] of [
    [api.errors, 'Error'],
    [problemJsonFormat, 'Problem'],
  ] as const) {
    const type = mediaOf(format.contentType)
    if (media.has(type)) continue
    media.set(type, {
      name,
      schema: { ...inferSchema(_render(format, migrate)), description: `Error body (${format.name} format).` },
    })
  }
  return { media }
}
