import { HttpProblem } from '../conventions/error/index.ts'
import { splitUrl } from '../negotiate/index.ts'
import type { PageRequest } from '../runtime/page-set.ts'
import { renderProblem } from '../runtime/render-problem.ts'
import type { RuntimeResponse } from '../runtime/serve.ts'
import { PORTAL_CSP } from './page-layout.ts'

/** Media types of the portal's answers. */
export const media = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const

/**
 * A 200 answer of the portal, under its Content-Security-Policy; `HEAD` gets no body.
 *
 * @example
 * pageAnswer(request, media.html, '<!doctype html>…')
 */
export function pageAnswer(
  request: PageRequest,
  type: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
): RuntimeResponse {
  return {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': PORTAL_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...extra,
    },
    body: request.method === 'HEAD' ? undefined : body,
  }
}

/**
 * A refusal of the portal (404, 403, 405) in the API's own error format.
 *
 * @example
 * pageProblem(request, { status: 404, code: 'NOT_FOUND', message: 'No page at /docs/x' })
 */
export function pageProblem(request: PageRequest, init: ConstructorParameters<typeof HttpProblem>[0]): RuntimeResponse {
  const out = renderProblem(request.source.api, new HttpProblem(init), {
    accept: _one(request.headers.accept),
    path: splitUrl(request.url).path,
    ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
  })
  const body = request.method === 'HEAD' ? undefined : JSON.stringify(out.body)
  return { status: out.status, headers: { ...out.headers, 'content-type': out.contentType }, body }
}

const _one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
