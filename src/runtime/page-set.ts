import type { ContractSource } from '../openapi/contract/contract-source.ts'
import type { RuntimeResponse } from './serve.ts'

/** One request to a page set, with who is calling and the API and routes the pages describe. */
export interface PageRequest {
  readonly method: string
  /** The path and query string as the client sent them. */
  readonly url: string
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** The caller as the API's authentication (or the adapter's `principal` option) says; `undefined` when anonymous. */
  readonly principal: unknown
  readonly requestId?: string
  /** The API and its head routes (for contracts and changelogs). */
  readonly source: ContractSource
}

/**
 * Unversioned pages served beside an API's routes (the portal under `/docs`): they are not part of
 * any contract, carry no version headers, and anonymous callers reach them even where the API
 * authenticates (the pages decide what needs a principal).
 */
export interface PageSet {
  /** The path prefix every page lives under, `/docs`. */
  readonly base: string
  /** Whether a path (without query string) is one of these pages. */
  matches(path: string): boolean
  /** Answers one request; failures are answered too, in the API's error format. */
  serve(request: PageRequest): Promise<RuntimeResponse>
}
