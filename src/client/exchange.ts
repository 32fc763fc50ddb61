import type { Authorizer } from './auth.ts'
import { ClientError } from './client-error.ts'
import { NetworkError } from './network-error.ts'
import { decideRetry, type RetryPolicy } from './retry.ts'
import { TimeoutError } from './timeout-error.ts'

/** What one request needs from its client. */
export interface ExchangeContext {
  readonly fetch: typeof fetch
  readonly retry: RetryPolicy
  readonly auth: Authorizer
}

/** One request, ready to send: its headers already carry the version and the caller's headers. */
export interface Outgoing {
  readonly method: string
  readonly url: URL
  readonly headers: Headers
  readonly body: string | undefined
  readonly signal: AbortSignal | undefined
  readonly timeout: number | undefined
}

/** The final response of a request, after any retries, with its body read. */
export interface Received {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
  readonly attempts: number
}

/**
 * Sends a request, retrying as the policy allows, under one timeout for all attempts and the
 * caller's `AbortSignal`. Resolves with the last response, 2xx or not; throws `NetworkError` when
 * no attempt got a response, `TimeoutError` when the time ran out, the signal's reason on abort.
 *
 * @example
 * const received = await exchange(context, { method: 'GET', url, headers, body: undefined, signal, timeout: 5000 })
 */
export async function exchange(context: ExchangeContext, out: Outgoing): Promise<Received> {
  if (out.signal?.aborted) throw out.signal.reason
  const controller = new AbortController()
  const deadline = out.timeout !== undefined ? Date.now() + out.timeout : undefined
  const timer = out.timeout !== undefined ? setTimeout(() => controller.abort('timeout'), out.timeout) : undefined
  const forward = (): void => controller.abort(out.signal?.reason)
  out.signal?.addEventListener('abort', forward, { once: true })
  try {
    return await _attempts(context, out, controller.signal, deadline)
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason === 'timeout')
      throw new TimeoutError(out.method, out.url.href, out.timeout ?? 0)
    if (controller.signal.aborted && out.signal?.aborted) throw out.signal.reason
    throw error
  } finally {
    clearTimeout(timer)
    out.signal?.removeEventListener('abort', forward)
  }
}

async function _attempts(
  context: ExchangeContext,
  out: Outgoing,
  signal: AbortSignal,
  deadline: number | undefined,
): Promise<Received> {
  const request = { method: out.method, idempotencyKey: out.headers.has('idempotency-key') }
  let reauthorized = false
  for (let attempt = 1; ; attempt++) {
    const headers = await _attemptHeaders(context, out.headers, attempt)
    let res: Response
    try {
      res = await context.fetch(out.url, { method: out.method, headers, body: out.body ?? null, signal })
    } catch (error) {
      if (signal.aborted) throw error
      const next = decideRetry(context.retry, { networkError: true }, request, attempt, Date.now())
      if (!next.retry || _overruns(next.delayMs, deadline))
        throw new NetworkError(out.method, out.url.href, attempt, error)
      await _sleep(next.delayMs, signal)
      continue
    }
    // One fresh token after a 401: it may have been revoked or expired early.
    if (res.status === 401 && !reauthorized && !out.headers.has('authorization') && context.auth.invalidate()) {
      reauthorized = true
      await res.body?.cancel()
      continue
    }
    if (res.ok) return _received(res, out, attempt, signal)
    const next = decideRetry(context.retry, { status: res.status, headers: res.headers }, request, attempt, Date.now())
    if (!next.retry || _overruns(next.delayMs, deadline)) return _received(res, out, attempt, signal)
    await res.body?.cancel()
    await _sleep(next.delayMs, signal)
  }
}

async function _attemptHeaders(context: ExchangeContext, base: Headers, attempt: number): Promise<Headers> {
  const headers = new Headers(base)
  if (context.retry.attemptHeader !== undefined) headers.set(context.retry.attemptHeader, String(attempt))
  if (!headers.has('authorization')) {
    const authorization = await context.auth.header()
    if (authorization !== undefined) headers.set('authorization', authorization)
  }
  return headers
}

/** A wait that would end after the deadline is not started: the caller gets the response now. */
const _overruns = (delayMs: number, deadline: number | undefined): boolean =>
  deadline !== undefined && Date.now() + delayMs >= deadline

async function _received(res: Response, out: Outgoing, attempts: number, signal: AbortSignal): Promise<Received> {
  let text: string
  try {
    text = await res.text()
  } catch (error) {
    // The connection broke mid-body: the server may have acted, so this is not retried.
    if (signal.aborted) throw error
    throw new NetworkError(out.method, out.url.href, attempts, error)
  }
  const type = res.headers.get('content-type') ?? ''
  let body: unknown = text === '' ? undefined : text
  if (text !== '' && /[/+]json\b/i.test(type)) {
    try {
      body = JSON.parse(text)
    } catch (error) {
      // An error response may come from a proxy that mislabels its page; keep its text.
      if (res.ok)
        throw new ClientError(
          `${out.method} ${out.url.href} answered ${res.status} with a body that is not JSON: ${(error as Error).message}`,
        )
    }
  }
  return { status: res.status, headers: res.headers, body, attempts }
}

function _sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const done = (): void => {
      signal.removeEventListener('abort', stop)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const stop = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', stop, { once: true })
  })
}
