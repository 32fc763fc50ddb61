import type { Client } from './client.ts'
import { resolveClientOptions } from './client-context.ts'
import type { ClientOptions } from './client-options.ts'
import { listItems, listPages } from './list-pages.ts'
import { type AnyRequestOptions, sendRequest } from './send-request.ts'
import type { UntypedPaths } from './typed-paths.ts'
import { updateResource } from './update-resource.ts'

/**
 * Creates a client of one API: the version placed where the API reads it, retries that respect the
 * server, deprecation notices, errors parsed from the API's envelope, pagination and
 * read-modify-write that keeps unknown fields. Runs on the platform `fetch`.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8080/api/v1', version: { header: 'Cdf-Version', value: '20230205' } })
 * const { body, version } = await client.get('/assets/{id}', { params: { id: 7 } })
 */
export function createClient<P extends object = UntypedPaths>(options: ClientOptions): Client<P> {
  const context = resolveClientOptions(options)
  const send = (method: string, path: string, init?: AnyRequestOptions, listRoute?: string) =>
    sendRequest(context, method, path, init, listRoute)
  const client = {
    request: (method: string, path: string, init?: AnyRequestOptions) => send(method, path, init),
    get: (path: string, init?: AnyRequestOptions) => send('GET', path, init),
    post: (path: string, init?: AnyRequestOptions) => send('POST', path, init),
    put: (path: string, init?: AnyRequestOptions) => send('PUT', path, init),
    patch: (path: string, init?: AnyRequestOptions) => send('PATCH', path, init),
    delete: (path: string, init?: AnyRequestOptions) => send('DELETE', path, init),
    pages: (path: string, init?: Parameters<typeof listPages>[2]) => listPages(send, path, init),
    paginate: (path: string, init?: Parameters<typeof listItems>[2]) => listItems(send, path, init),
    update: (path: string, change: (resource: unknown) => unknown, init?: Parameters<typeof updateResource>[3]) =>
      updateResource(send, path, change, init),
  }
  // The implementation is untyped; the Client interface types it per path map.
  return client as unknown as Client<P>
}
