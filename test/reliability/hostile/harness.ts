import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { calendarProgram } from '../../../examples/calendar/serve.ts'
import { type RunningServer, servers } from '../../e2e/conformance/servers.ts'
import { type RawExchangeReply, rawExchange } from '../../e2e/raw-request.ts'

export { servers }

/** Property runs: a short profile by default (CI), more with `STRATA_PROPERTY_RUNS=500`. */
export const runs = (short: number): number => Number(process.env.STRATA_PROPERTY_RUNS ?? '') || short

/** fast-check options: CI replays one seeded sequence (`STRATA_PROPERTY_SEED`), local runs explore new ones. */
export const budget = (short: number) => ({
  numRuns: runs(short),
  ...(process.env.CI || process.env.STRATA_PROPERTY_SEED
    ? { seed: Number(process.env.STRATA_PROPERTY_SEED ?? 20261205) }
    : {}),
})

/** The calendar program (the Cognite-like example) served in-process by one adapter, on its own SQLite file. */
export async function startCalendar(start: (typeof servers)[number]['start']): Promise<RunningServer> {
  const { runtime, store } = await calendarProgram({ dataDir: mkdtempSync(join(tmpdir(), 'strata-hostile-')) })
  const server = await start(runtime)
  return {
    url: server.url,
    close: async () => {
      await server.close()
      await store.close()
    },
  }
}

/** One request as raw bytes: the request line and headers are written as given, `content-length` computed. */
export function send(
  url: string,
  request: { method?: string; target: string; headers?: Record<string, string | string[]>; body?: string | Buffer },
): Promise<RawExchangeReply> {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body as string)
  const headers: Record<string, string | string[]> = { host: 'localhost', ...request.headers }
  if (request.body !== undefined) headers['content-length'] = String(body.length)
  // An array value is sent as one header line per element (repeated, possibly conflicting).
  const lines = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k}: ${one}`))
  const head = `${request.method ?? 'GET'} ${request.target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
  return rawExchange(url, head, body)
}

/** A refusal in the calendar API's envelope: the status, a type, a message, and no stack trace. */
export function expectRefusal(reply: RawExchangeReply, status: number, type?: string): void {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status)
  expect(reply.headers['content-type']).toMatch(/^application\/(problem\+)?json/)
  expect(reply.body?.error?.code).toBe(status)
  expect(typeof reply.body?.error?.message).toBe('string')
  if (type !== undefined) expect(reply.body.error.type).toBe(type)
  expectNoInternals(reply.text)
}

/** No stack frame, file path or exception class in what a client reads. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/src\/|TypeError|RangeError|SyntaxError/)
}
