import type { Api } from '../../api/index.ts'
import type { JsonSchema, ProblemParts } from '../../change/index.ts'
import {
  type ErrorFormat,
  HttpProblem,
  type ProblemEntry,
  problemCatalogue,
  problemJsonFormat,
} from '../../conventions/error/index.ts'
import { inferSchema } from './infer-schema.ts'

/** The error bodies of one version: per media type, a schema for its `components`. */
export interface ErrorEnvelope {
  /** Media type (without parameters) -> component name and schema. */
  readonly media: ReadonlyMap<string, { readonly name: string; readonly schema: JsonSchema }>
}

const _sample = (schema: Readonly<Record<string, unknown>>): unknown => {
  if (schema.type === 'array') return [_sample((schema.items ?? {}) as Record<string, unknown>)]
  if (schema.type === 'integer' || schema.type === 'number') return 1
  if (schema.type === 'boolean') return true
  if (schema.type === 'object') return {}
  return 'x'
}

// Per catalogue code, a problem with only the required parts and one with every optional part and
// every declared fact, so inference sees each member the format can render and which ones are always there.
const samples: readonly { parts: ProblemParts; full: boolean }[] = Object.entries(
  problemCatalogue as Readonly<Record<string, ProblemEntry>>,
).flatMap(([code, entry]) => [
  { parts: { status: entry.status, code, message: entry.summary }, full: false },
  {
    parts: {
      status: entry.status,
      code,
      message: entry.summary,
      suggestion: 'Correct the request and send it again',
      detail: 'More about what happened.',
      ...(code === 'VALIDATION_FAILED'
        ? { fields: [{ field: 'title', message: 'must be a string', reason: 'type' }] }
        : {}),
      ...(entry.data !== undefined
        ? { data: Object.fromEntries(Object.entries(entry.data).map(([k, v]) => [k, _sample(v)])) }
        : {}),
    },
    full: true,
  },
])

const mediaOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase()

function _render(format: ErrorFormat, migrate: ((p: ProblemParts) => void) | undefined): unknown[] {
  return samples.map(({ parts: sample, full }) => {
    const parts: ProblemParts = {
      ...sample,
      ...(sample.fields ? { fields: sample.fields.map((f) => ({ ...f })) } : {}),
      ...(sample.data ? { data: { ...sample.data } } : {}),
    }
    migrate?.(parts)
    const problem = new HttpProblem({ ...parts, ...(full ? { docUrl: 'https://example.com/errors' } : {}) })
    // Every adapter names every exchange: the requestId is always there.
    return format.render(problem, { path: '/example', now: new Date(0), requestId: 'req-1' })
  })
}

/**
 * Describes the error bodies clients of one version receive: the API's error format (after that
 * version's error migrations) and RFC 9457 problem+json, which clients may ask for with `Accept`.
 * Formats are functions, so the schemas are inferred from each catalogue code rendered twice: with
 * its required parts only, and with every optional part and every fact its catalogue entry declares.
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
