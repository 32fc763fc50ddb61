/** One finished exchange as observers see it: what was asked, at which version, and the status answered. */
export interface ExchangeRecord {
  /** The version scope's name; `undefined` for the API-wide scope (and for requests no route matched). */
  readonly scope: string | undefined
  /** The id of the version served or refused (e.g. the sunset version of a 410); `undefined` when none was known. */
  readonly version: string | undefined
  /** `stable`, `beta` or `playground`; `undefined` when no version was known. */
  readonly channel: string | undefined
  readonly method: string
  /** The route's path template (`/assets/:id`); `undefined` when no route matched. */
  readonly route: string | undefined
  /** Who called, as the API's auth or `principal` option tells it. */
  readonly principal: unknown
  readonly status: number
  /** The request's lower-cased headers, for a client identifier where the API has no auth. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
}

/** Called once per finished exchange, on every adapter. Must not throw and must not block. */
export type ExchangeObserver = (record: ExchangeRecord) => void

/**
 * Hands one finished exchange to every observer: the single place where the runtime and the
 * Fastify plugin report exchanges, so usage recording and metrics work the same on every adapter.
 * An observer that throws is reported to `onError` and never breaks the answer.
 *
 * @example
 * observeExchange([usage.record], { scope: undefined, version: '2023-01-01', channel: 'stable', method: 'GET', route: '/assets/:id', principal: undefined, status: 200, headers: {} })
 */
export function observeExchange(
  observers: readonly ExchangeObserver[],
  record: ExchangeRecord,
  onError?: (error: unknown) => void,
): void {
  for (const observer of observers) {
    try {
      observer(record)
    } catch (error) {
      onError?.(error)
    }
  }
}

/** The observers of an `onExchange` option, which takes one or several. */
export const observersOf = (option: ExchangeObserver | readonly ExchangeObserver[] | undefined): ExchangeObserver[] =>
  option === undefined ? [] : typeof option === 'function' ? [option] : [...option]
