import { afterEach, describe, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { call, sleep, startControlPlane, writeLoad } from './control-plane.ts'
import { missing, sqliteEnvironmentIds } from './durability.ts'
import { recordFigures } from './figures.ts'
import { writeMillis, writers } from './profile.ts'

const running: RunningExample[] = []
afterEach(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

describe('crash under write load on SQLite', () => {
  test('SIGKILL mid-load -> the database opens cleanly after restart and holds every write acknowledged before the kill', async () => {
    const cp = await startControlPlane()
    running.push(cp)
    const load = writeLoad(cp.url, writers, 'crash')
    await sleep(writeMillis)
    expect(await cp.kill('SIGKILL')).toBe('SIGKILL')
    running.splice(0)
    const { acknowledged, outcomes } = await load.stop()
    expect(acknowledged.length).toBeGreaterThan(0)

    // The restarted example opens the file (recovering the WAL) and serves the last acknowledged write.
    const again = await startControlPlane({}, cp.dataDir)
    running.push(again)
    expect((await call(again.url, 'GET', `/org/v2/environments/${acknowledged.at(-1)}`)).status).toBe(200)
    const stored = sqliteEnvironmentIds(cp.dataDir)
    expect(stored.integrity).toBe('ok')
    expect(missing(acknowledged, stored.ids)).toEqual([])
    // Writes the server committed but could not acknowledge may be there too; nothing else is.
    expect(stored.ids.size).toBeGreaterThanOrEqual(acknowledged.length)
    recordFigures('crash-sqlite', {
      acknowledged: acknowledged.length,
      stored: stored.ids.size,
      lost: 0,
      outcomes: Object.fromEntries(outcomes),
    })
  })
})
