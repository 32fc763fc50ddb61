import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { auth, call, createEnvironment, sleep, startControlPlane } from './control-plane.ts'
import { recordFigures } from './figures.ts'
import { loadConnections, loadSeconds, warmupSeconds } from './profile.ts'

const running: RunningExample[] = []
afterAll(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

/** The server's resident set in KiB, read from /proc (Linux), from outside the process. */
/** The example's live heap after a full collection (it runs with --expose-gc and answers SIGUSR2), in KiB. */
async function liveHeapKiB(cp: { pid: number; output: () => string }): Promise<number> {
  const seen = (cp.output().match(/^memory: /gm) ?? []).length
  process.kill(cp.pid, 'SIGUSR2')
  for (let i = 0; i < 100; i++) {
    const lines = [...cp.output().matchAll(/^memory: heapUsed=(\d+)/gm)]
    if (lines.length > seen) return Math.round(Number(lines.at(-1)![1]) / 1024)
    await sleep(50)
  }
  throw new Error('the example did not report its memory after SIGUSR2')
}

function residentKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (match === null) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1])
}

/** A read mix over the API: lists, one object, and the deprecated generation migrated from head. */
async function seed(url: string) {
  const ids: string[] = []
  for (let i = 0; i < 20; i++) ids.push((await createEnvironment(url, `load-${i}`)).id!)
  const cluster = await call(url, 'POST', '/cmk/v2/clusters', {
    spec: { display_name: 'orders', cloud: 'AWS', region: 'us-west-2', environment: { id: ids[0] } },
  })
  expect(cluster.status).toBe(202)
  return [
    { method: 'GET' as const, path: '/org/v2/environments?page_size=10' },
    { method: 'GET' as const, path: `/org/v2/environments/${ids[7]}` },
    { method: 'GET' as const, path: `/cmk/v2/clusters?environment=${ids[0]}` },
    { method: 'GET' as const, path: `/cmk/v1/clusters?environment=${ids[0]}` },
  ]
}

function run(url: string, requests: autocannon.Request[], seconds: number) {
  return autocannon({
    url,
    connections: loadConnections,
    duration: seconds,
    headers: { authorization: auth },
    requests,
  })
}

describe('control-plane under load', () => {
  test(`${loadConnections} connections, 3 runs of ${loadSeconds} s after ${warmupSeconds} s warm-up -> zero 5xx and errors, memory grows at most 10 %`, async () => {
    const cp = await startControlPlane({ NODE_OPTIONS: '--expose-gc' })
    running.push(cp)
    const requests = await seed(cp.url)
    await run(cp.url, requests, warmupSeconds)
    const runs: {
      requests: number
      rps: number
      p50: number
      p99: number
      max: number
      rssKiB: number
      heapKiB: number
    }[] = []
    for (let i = 0; i < 3; i++) {
      const result = await run(cp.url, requests, loadSeconds)
      expect(result['5xx']).toBe(0)
      expect(result.non2xx).toBe(0)
      expect(result.errors).toBe(0)
      expect(result.timeouts).toBe(0)
      expect(result.requests.total).toBeGreaterThan(0)
      await sleep(300)
      runs.push({
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        rssKiB: residentKiB(cp.pid),
        heapKiB: await liveHeapKiB(cp),
      })
    }
    // Memory is the live heap after a full collection: what a leak grows. RSS is recorded beside it, but
    // it follows V8's page reservations and the allocator, up or down by more than 10 % between runs.
    const [first, ...later] = runs.map((r) => r.heapKiB) as [number, ...number[]]
    for (const heap of later) expect(heap).toBeLessThanOrEqual(first * 1.1)
    recordFigures('load', {
      connections: loadConnections,
      secondsPerRun: loadSeconds,
      warmupSeconds,
      runs,
      heapGrowthPercent: Math.round(((Math.max(...later) - first) / first) * 1000) / 10,
    })
  })
})
