import type { QueryValue } from './request-url.ts'

// The shapes openapi-typescript generates (`paths[path][method]` -> an operation with `parameters`,
// `requestBody` and `responses`), read at the type level so a typed client knows each route's
// query, path parameters, body and response at the version it was generated for.

/** An HTTP method as the client's methods take it. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** The operation every path of an untyped client has: any query, any body, an `unknown` response. */
export interface UntypedOperation {
  parameters: { query?: Readonly<Record<string, QueryValue>>; path?: Readonly<Record<string, string | number>> }
  requestBody?: { content: { 'application/json': unknown } }
  responses: { 200: { content: { 'application/json': unknown } } }
}

/** The path map of a client created without generated types: any path, any method. */
export type UntypedPaths = Record<string, Record<HttpMethod, UntypedOperation>>

/** The paths of a path map that declare method `M`. */
export type PathsWith<P, M extends HttpMethod> = {
  [K in keyof P]: P[K] extends { [m in M]: unknown } ? K : never
}[keyof P] &
  string

/** The operation of path `K` and method `M`. */
export type OperationOf<P, K, M extends HttpMethod> = K extends keyof P
  ? P[K] extends { [m in M]: infer O }
    ? O
    : never
  : never

/** The JSON content of a response or request body declaration; `undefined` when it has none. */
export type JsonOf<T> = T extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? B
    : C extends { 'application/problem+json': infer B }
      ? B
      : unknown
  : undefined

/** The body of any 2xx response of an operation. */
export type ResponseBodyOf<O> = O extends { responses: infer R }
  ? { [S in keyof R]: `${S & (string | number)}` extends `2${string}` ? JsonOf<R[S]> : never }[keyof R]
  : unknown

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBodyOf<O> = O extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never

/** The query parameters of an operation. */
export type QueryOf<O> = O extends { parameters: { query?: infer Q } }
  ? [Q] extends [undefined]
    ? Readonly<Record<string, QueryValue>>
    : Q
  : Readonly<Record<string, QueryValue>>

/** The path parameters of an operation. */
export type PathParamsOf<O> = O extends { parameters: { path?: infer P } }
  ? [P] extends [undefined]
    ? Readonly<Record<string, string | number>>
    : P
  : Readonly<Record<string, string | number>>

/** The item type of a list body: `data[]` (Confluent), `items[]` (Cognite) or a bare array. */
export type ItemOf<B> = B extends { data: readonly (infer I)[] }
  ? I
  : B extends { items: readonly (infer I)[] }
    ? I
    : B extends readonly (infer I)[]
      ? I
      : unknown

/**
 * What a read-modify-write callback may return: a partial change merged into the resource as read
 * (nested objects merged, arrays and values replaced), or nothing after editing the draft in place.
 */
export type ChangesOf<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: ChangesOf<T[K]> }
    : T

/**
 * An enum that tolerates values added later: the known ones autocomplete, any other string is
 * accepted (MUST IGNORE applied to enum values).
 *
 * @example
 * type Phase = OpenEnum<'PROVISIONING' | 'RUNNING'>
 */
export type OpenEnum<T extends string> = T | (string & {})
