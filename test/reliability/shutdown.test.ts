import { afterEach, describe, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { describeWithPostgres } from '../services/postgres.ts'
import { call, sleep, startControlPlane, writeLoad } from './control-plane.ts'
import { missing, postgresEnvironmentIds, sqliteEnvironmentIds } from './durability.ts'
import { recordFigures } from './figures.ts'
import { writeMillis, writers } from './profile.ts'

const running: RunningExample[] = []
afterEach(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

/** Writes under load, sends SIGTERM mid-load, and returns what the clients saw and how the process ended. */
async function terminateUnderLoad(cp: RunningExample) {
  const load = writeLoad(cp.url, writers, 'shutdown')
  await sleep(writeMillis)
  const before = load.acknowledged.length
  const signalled = performance.now()
  const exit = await cp.kill('SIGTERM')
  const exitMs = Math.round(performance.now() - signalled)
  const { acknowledged, outcomes } = await load.stop()
  return { exit, exitMs, acknowledged, outcomes, before }
}

describe('graceful shutdown on SQLite', () => {
  test('SIGTERM under write load -> exits 0 within the deadline; every write acknowledged with a 2xx is there after restart', async () => {
    const cp = await startControlPlane()
    running.push(cp)
    const result = await terminateUnderLoad(cp)
    running.splice(0)
    expect(result.exit).toBe(0)
    expect(result.before).toBeGreaterThan(0)
    expect(cp.output()).toMatch(/shutdown: SIGTERM; no new connections, \d+ request\(s\) in flight/)
    expect(cp.output()).not.toMatch(/still running after/)
    // No answer was a 5xx: a request either got its answer or no connection at all.
    expect([...result.outcomes.keys()].filter((status) => status >= 500)).toEqual([])

    const stored = sqliteEnvironmentIds(cp.dataDir)
    expect(stored.integrity).toBe('ok')
    expect(missing(result.acknowledged, stored.ids)).toEqual([])
    const again = await startControlPlane({}, cp.dataDir)
    running.push(again)
    const last = result.acknowledged.at(-1)
    expect((await call(again.url, 'GET', `/org/v2/environments/${last}`)).status).toBe(200)
    recordFigures('shutdown-sqlite', {
      acknowledged: result.acknowledged.length,
      lost: 0,
      exitCode: result.exit,
      exitMs: result.exitMs,
      outcomes: Object.fromEntries(result.outcomes),
    })
  })
})

describeWithPostgres('graceful shutdown on PostgreSQL', (postgres) => {
  test('SIGTERM under write load -> exits 0; every write acknowledged with a 2xx is in PostgreSQL after restart', async () => {
    const url = await postgres().createDatabase('shutdown_under_load')
    const cp = await startControlPlane({ DATABASE_URL: url })
    running.push(cp)
    const result = await terminateUnderLoad(cp)
    running.splice(0)
    expect(result.exit).toBe(0)
    expect(result.before).toBeGreaterThan(0)
    expect(cp.output()).not.toMatch(/still running after/)
    expect([...result.outcomes.keys()].filter((status) => status >= 500)).toEqual([])

    expect(missing(result.acknowledged, await postgresEnvironmentIds(url))).toEqual([])
    const again = await startControlPlane({ DATABASE_URL: url })
    running.push(again)
    expect((await call(again.url, 'GET', `/org/v2/environments/${result.acknowledged.at(-1)}`)).status).toBe(200)
    recordFigures('shutdown-postgres', {
      acknowledged: result.acknowledged.length,
      lost: 0,
      exitCode: result.exit,
      exitMs: result.exitMs,
      outcomes: Object.fromEntries(result.outcomes),
    })
  })
})
