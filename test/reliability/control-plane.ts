import { type RunningExample, startExample } from '../e2e/start-example.ts'

/** The control-plane example's admin key in every reliability test. */
export const KEY_ID = 'RELIABILITY1'
export const KEY_SECRET = 'reliability-secret-0123456789'
export const auth = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`

/** Limits high enough that only the test's own limits refuse anything. */
const unlimited = {
  RATE_LIMIT_PRINCIPAL: '1000000/1',
  RATE_LIMIT_ORGANIZATION: '1000000/1',
  RATE_LIMIT_IP: '1000000/1',
  RATE_LIMIT_CONCURRENCY: '100000',
}

/**
 * Starts the control-plane example as its own process with the reliability key and no effective
 * rate limits unless `env` sets them.
 *
 * @example
 * const cp = await startControlPlane({ DATABASE_URL: url })
 */
export function startControlPlane(env: Record<string, string> = {}, dataDir?: string): Promise<RunningExample> {
  return startExample('control-plane', { BOOTSTRAP_API_KEY: `${KEY_ID}:${KEY_SECRET}`, ...unlimited, ...env }, dataDir)
}

/** One HTTP answer, read whole, or the network error's code when there was none. */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: Record<string, unknown>
  readonly ms: number
}

/**
 * Sends a request to the example with the admin key and reads the whole answer; a network failure
 * resolves as status 0 so load loops can count it.
 *
 * @example
 * const res = await call(cp.url, 'POST', '/org/v2/environments', { display_name: 'x' })
 */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<Answer> {
  const started = performance.now()
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    let parsed: Record<string, unknown> = {}
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
    } catch {
      parsed = { text }
    }
    return { status: res.status, headers: res.headers, body: parsed, ms: performance.now() - started }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return {
      status: 0,
      headers: new Headers(),
      body: { error: cause?.code ?? (error as Error).name },
      ms: performance.now() - started,
    }
  }
}

/** Creates an environment; its id when the server acknowledged it with a 2xx. */
export async function createEnvironment(base: string, name: string): Promise<{ answer: Answer; id?: string }> {
  const answer = await call(base, 'POST', '/org/v2/environments', { display_name: name })
  const id = answer.status >= 200 && answer.status < 300 ? (answer.body.id as string | undefined) : undefined
  return id === undefined ? { answer } : { answer, id }
}

/**
 * Keeps `count` writers creating environments until `stop()`; every write the server acknowledged
 * with a 2xx is in `acknowledged`, every other outcome counted by status (0 = no answer).
 *
 * @example
 * const load = writeLoad(cp.url, 4); await sleep(1000); const { acknowledged } = await load.stop()
 */
export function writeLoad(base: string, count: number, prefix = 'w') {
  const acknowledged: string[] = []
  const outcomes = new Map<number, number>()
  let running = true
  let n = 0
  const worker = async () => {
    while (running) {
      const { answer, id } = await createEnvironment(base, `${prefix}-${n++}`)
      if (id !== undefined) acknowledged.push(id)
      outcomes.set(answer.status, (outcomes.get(answer.status) ?? 0) + 1)
      // A refused connection comes back at once; do not spin on it.
      if (answer.status === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const workers = Array.from({ length: count }, worker)
  return {
    acknowledged,
    outcomes,
    /** Stops the writers and resolves once each has had its last answer. */
    async stop() {
      running = false
      await Promise.all(workers)
      return { acknowledged, outcomes }
    },
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves once `predicate` holds, polling every 50 ms; rejects after `timeoutMs`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await predicate()) return
    await sleep(50)
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`)
}
