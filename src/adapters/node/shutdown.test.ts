import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { handleShutdown } from './shutdown.ts'

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections()
})

/** A server whose answers take `delayMs`, listening on a free port. */
async function slowServer(delayMs: number, steps: string[] = []): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    setTimeout(() => res.end('done', () => steps.push('answered')), delayMs)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

test('shutdown with a request in flight -> it finishes with 200, new connections are refused, then close and hooks run in order, code 0', async () => {
  const steps: string[] = []
  const { server, url } = await slowServer(300, steps)
  const lines: string[] = []
  const shutdown = handleShutdown({
    server,
    close: () => steps.push('close'),
    signals: [],
    log: (line) => lines.push(line),
  })
  shutdown.onShutdown(() => steps.push('flush usage'))
  shutdown.onShutdown(async () => steps.push('flush notices'))
  const arrived = once(server, 'request')
  const inFlight = fetch(url).then(async (res) => ({ status: res.status, body: await res.text() }))
  await arrived
  const code = shutdown.shutdown('test')
  await expect(fetch(url)).rejects.toThrow()
  expect(await inFlight).toEqual({ status: 200, body: 'done' })
  expect(await code).toBe(0)
  expect(steps).toEqual(['answered', 'close', 'flush usage', 'flush notices'])
  expect(lines).toEqual(['shutdown: test; no new connections, 1 request(s) in flight'])
})

test('shutdown with a request slower than the deadline -> its connection is cut after the deadline, hooks still run, code 0', async () => {
  const { server, url } = await slowServer(5000)
  const lines: string[] = []
  let flushed = false
  const shutdown = handleShutdown({ server, deadlineMs: 200, signals: [], log: (line) => lines.push(line) })
  shutdown.onShutdown(() => {
    flushed = true
  })
  const arrived = once(server, 'request')
  const slow = fetch(url).then(
    () => 'answered',
    () => 'cut',
  )
  await arrived
  expect(await shutdown.shutdown()).toBe(0)
  expect(await slow).toBe('cut')
  expect(flushed).toBe(true)
  expect(lines[1]).toBe('shutdown: 1 request(s) still running after 200 ms; closing their connections')
})

test('a closing step throws -> the later hooks still run, the error is logged, code 1', async () => {
  const { server } = await slowServer(0)
  const lines: string[] = []
  let later = false
  const shutdown = handleShutdown({
    server,
    close: () => {
      throw new Error('database already closed')
    },
    signals: [],
    log: (line) => lines.push(line),
  })
  shutdown.onShutdown(() => {
    later = true
  })
  expect(await shutdown.shutdown()).toBe(1)
  expect(later).toBe(true)
  expect(lines).toContain('shutdown: a closing step failed: database already closed')
})

test('shutdown called twice -> one shutdown, the same code', async () => {
  const { server } = await slowServer(0)
  let closes = 0
  const shutdown = handleShutdown({ server, close: () => closes++, signals: [], log: () => {} })
  const [a, b] = await Promise.all([shutdown.shutdown(), shutdown.shutdown()])
  expect([a, b, closes]).toEqual([0, 0, 1])
})
