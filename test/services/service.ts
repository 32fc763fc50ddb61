import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, test } from 'vitest'

/** Whether a service's programs are installed, and if not, why. */
export type Availability = { available: true } | { available: false; reason: string }

/** A throwaway server a test suite starts and stops. */
export interface RunningService {
  stop(): Promise<void>
}

/**
 * Declares a describe block that gets a real server of some service: started before its tests,
 * stopped after. Without the service the block fails when `CI` is set (CI must install it) and is
 * skipped with one line otherwise.
 *
 * @example
 * describeWithService('shared budget', { label: 'redis-server', availability, start: startRedisServer }, (redis) => { ... })
 */
export function describeWithService<S extends RunningService>(
  name: string,
  service: { label: string; availability: () => Availability; start: () => Promise<S>; startTimeoutMs?: number },
  body: (server: () => S) => void,
): void {
  const availability = service.availability()
  const never = (): never => {
    throw new Error(`${service.label} is not running`)
  }
  if (!availability.available) {
    if (process.env.CI) {
      describe(name, () => {
        test(`${service.label} is installed`, () => {
          throw new Error(availability.reason)
        })
      })
      return
    }
    process.stdout.write(`skipping "${name}": ${availability.reason}\n`)
    describe.skip(name, () => body(never))
    return
  }
  describe(name, () => {
    let server: S | undefined
    beforeAll(async () => {
      server = await service.start()
    }, service.startTimeoutMs ?? 30_000)
    afterAll(async () => {
      await server?.stop()
    })
    body(() => server ?? never())
  })
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago.
 *
 * @example
 * const port = await freePort()
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Stops a server process: `signal` asks it to shut down, SIGKILL follows after `graceMs`.
 *
 * @example
 * await terminate(child, 'SIGINT', 10_000) // PostgreSQL's fast shutdown
 */
export function terminate(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill(signal)
  })
}
