import { ClientError } from './client-error.ts'
import type { ClientResponse, UpdateOptions } from './client-options.ts'
import { mergeChanges } from './merge-changes.ts'
import type { QueryValue } from './request-url.ts'
import type { AnyRequestOptions } from './send-request.ts'

type Send = (method: string, path: string, init?: AnyRequestOptions) => Promise<ClientResponse<unknown>>

/**
 * Read-modify-write keeping what the client does not know (MUST FORWARD): GET the resource, apply
 * the change (returned, or made to the draft), write the whole resource back, with `If-Match` when
 * the read had an `ETag`.
 *
 * @example
 * await updateResource(send, '/org/v2/environments/env-1', () => ({ display_name: 'prod' }), { method: 'PATCH' })
 */
export async function updateResource(
  send: Send,
  path: string,
  change: (resource: unknown) => unknown,
  init: UpdateOptions<Readonly<Record<string, QueryValue>>, Readonly<Record<string, string | number>>> = {},
): Promise<ClientResponse<unknown>> {
  const { method = 'PUT', ...rest } = init
  const current = await send('GET', path, rest)
  if (typeof current.body !== 'object' || current.body === null)
    throw new ClientError(`GET ${path} did not answer a JSON object, so there is nothing to update`)
  const draft = structuredClone(current.body)
  const returned = change(draft)
  const body = returned === undefined ? draft : mergeChanges(current.body, returned)
  const etag = current.headers.get('etag')
  const headers = { ...rest.headers, ...(etag !== null ? { 'if-match': etag } : {}) }
  return send(method, path, { ...rest, headers, body })
}
