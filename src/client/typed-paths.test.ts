import { describe, expectTypeOf, test } from 'vitest'
import type { Client } from './client.ts'
import type { ClientResponse } from './client-options.ts'
import { createClient } from './create-client.ts'
import type { OpenEnum } from './typed-paths.ts'

// A path map in the shape openapi-typescript generates (absent methods are `?: never`).
interface Asset {
  id: number
  name: string
  criticality: OpenEnum<'low' | 'medium' | 'high'>
  metadata?: Record<string, string>
}
interface paths {
  '/assets': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never }
    get: {
      parameters: { query?: { limit?: number; cursor?: string }; header?: never; path?: never; cookie?: never }
      requestBody?: never
      responses: {
        200: {
          headers: { [name: string]: unknown }
          content: { 'application/json': { items: Asset[]; nextCursor?: string } }
        }
      }
    }
    put?: never
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never }
      requestBody: { content: { 'application/json': { name: string; criticality?: Asset['criticality'] } } }
      responses: {
        201: { headers: { [name: string]: unknown }; content: { 'application/json': Asset } }
        422: { headers: { [name: string]: unknown }; content: { 'application/json': { error: { code: number } } } }
      }
    }
    delete?: never
    patch?: never
  }
  '/assets/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never }
    get: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never }
      requestBody?: never
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': Asset } } }
    }
    delete: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never }
      requestBody?: never
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } }
    }
    put?: never
    post?: never
    patch?: never
  }
}

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:9' })
/** Type tests only: the calls are type-checked by tsc and never run. */
const typesOnly = (_check: () => void): void => {}

describe('typed client', () => {
  test('response bodies are the 2xx content of the operation, not unknown', () => {
    typesOnly(() => {
      expectTypeOf(client.get('/assets/{id}', { params: { id: 1 } })).resolves.toEqualTypeOf<ClientResponse<Asset>>()
      expectTypeOf(client.post('/assets', { body: { name: 'pump' } })).resolves.toEqualTypeOf<ClientResponse<Asset>>()
      expectTypeOf(client.delete('/assets/{id}', { params: { id: 1 } })).resolves.toEqualTypeOf<
        ClientResponse<undefined>
      >()
    })
  })

  test('paths, methods, query, params and bodies are checked', () => {
    typesOnly(() => {
      // @ts-expect-error: no such path
      void client.get('/asset')
      // @ts-expect-error: /assets/{id} has no POST
      void client.post('/assets/{id}')
      // @ts-expect-error: limit is a number
      void client.get('/assets', { query: { limit: 'ten' } })
      // @ts-expect-error: the body needs name
      void client.post('/assets', { body: { criticality: 'low' } })
      // @ts-expect-error: id is a number
      void client.get('/assets/{id}', { params: { id: {} } })
      // @ts-expect-error: GET takes no body
      void client.get('/assets', { body: { name: 'x' } })
    })
  })

  test('open enums take values added later; paginate yields items; update gets the resource type', () => {
    typesOnly(() => {
      expectTypeOf<'critical'>().toExtend<Asset['criticality']>()
      expectTypeOf(client.paginate('/assets')).toEqualTypeOf<AsyncGenerator<Asset, void, undefined>>()
      void client.update('/assets/{id}', (asset) => {
        expectTypeOf(asset).toEqualTypeOf<Asset>()
        return { name: 'renamed' }
      })
      // @ts-expect-error: a change must fit the resource
      void client.update('/assets/{id}', () => ({ name: 1 }))
      void client.update('/assets/{id}', (asset) => {
        asset.name = 'edited in place'
        return undefined
      })
    })
  })

  test('an untyped client takes any path and gives unknown bodies', () => {
    typesOnly(() => {
      const untyped: Client = createClient({ baseUrl: 'http://127.0.0.1:9' })
      expectTypeOf(untyped.get('/anything/at/all', { query: { a: 1 } })).resolves.toEqualTypeOf<
        ClientResponse<unknown>
      >()
      expectTypeOf(untyped.request('PATCH', '/x', { body: { any: 'thing' } })).resolves.toEqualTypeOf<
        ClientResponse<unknown>
      >()
    })
  })
})
