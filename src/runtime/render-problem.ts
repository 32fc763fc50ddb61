import type { Api } from '../api/index.ts'
import type { ProblemParts } from '../change/instruction.ts'
import {
  chooseErrorFormat,
  HttpProblem,
  isDependencyUnavailable,
  isHttpProblem,
  unavailableProblem,
} from '../conventions/error/index.ts'

/** An HTTP problem ready to send: status, headers, content type and body. */
export interface RenderedProblem {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string
  readonly body: unknown
}

/** What rendering a problem needs to know of the request that failed. */
export interface ProblemRequest {
  readonly accept: string | undefined
  /** The request path without its query string. */
  readonly path: string
  readonly requestId?: string
  /** The client version's error migration, when its errors differ from head's. */
  readonly errorDown?: ((problem: ProblemParts) => void) | undefined
}

/**
 * Applies an error migration to a problem, so older clients get their version's field names and
 * error format.
 *
 * @example
 * migrateProblem(problem, plan.errorDown)
 */
export function migrateProblem(problem: HttpProblem, errorDown: ((p: ProblemParts) => void) | undefined): HttpProblem {
  if (errorDown === undefined) return problem
  const parts: ProblemParts = {
    status: problem.status,
    code: problem.code,
    message: problem.message,
    ...(problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {}),
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    ...(problem.fields !== undefined ? { fields: problem.fields.map((f) => ({ ...f })) } : {}),
    ...(problem.data !== undefined ? { data: { ...problem.data } } : {}),
  }
  errorDown(parts)
  return new HttpProblem({
    ...parts,
    ...(problem.headers !== undefined ? { headers: problem.headers } : {}),
    ...(problem.docUrl !== undefined ? { docUrl: problem.docUrl } : {}),
  })
}

/**
 * Renders a problem in the API's error format, or as problem+json when the client asks for it,
 * after migrating it to the client's version.
 *
 * @example
 * const out = renderProblem(api, new HttpProblem({ status: 404, code: 'NOT_FOUND', message: 'No asset 7' }), { accept, path })
 */
export function renderProblem(api: Api, problem: HttpProblem, request: ProblemRequest): RenderedProblem {
  const format = chooseErrorFormat(request.accept, api.errors)
  const migrated = migrateProblem(problem, request.errorDown)
  const body = format.render(migrated, {
    path: request.path,
    ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
    now: api.clock(),
  })
  return { status: migrated.status, headers: migrated.headers ?? {}, contentType: format.contentType, body }
}

/**
 * Anything thrown, as the problem to answer: an HTTP problem as it is, a dependency outage (database
 * down, read-only or full, pool exhausted) a 503 with `Retry-After`, anything else a 500 that
 * reveals nothing internal.
 *
 * @example
 * return fail(request, problemOf(error))
 */
export function problemOf(error: unknown): HttpProblem {
  if (isHttpProblem(error)) return error
  if (isDependencyUnavailable(error)) return unavailableProblem()
  return new HttpProblem({
    status: 500,
    code: 'INTERNAL',
    message: 'The server failed to handle the request',
    suggestion: 'Retry later; if it keeps failing, contact support with the requestId',
  })
}
