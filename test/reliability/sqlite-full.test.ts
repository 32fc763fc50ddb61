import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { type Answer, call, createEnvironment, startControlPlane } from './control-plane.ts'
import { missing, sqliteEnvironmentIds } from './durability.ts'
import { recordFigures } from './figures.ts'

const running: RunningExample[] = []
afterAll(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

function pageCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'control-plane.sqlite'), { readonly: true })
  try {
    return db.pragma('page_count', { simple: true }) as number
  } finally {
    db.close()
  }
}

describe('SQLite disk full', () => {
  test('database capped a few pages above its size -> writes past it answer 503 in the envelope, reads keep working, no acknowledged write lost', async () => {
    const first = await startControlPlane()
    expect(await first.stop()).toBe(0)
    // A disk with room for a few more pages: SQLite's max_page_count fails growth with SQLITE_FULL as a full disk does.
    const cp = await startControlPlane({ SQLITE_MAX_PAGE_COUNT: String(pageCount(first.dataDir) + 4) }, first.dataDir)
    running.push(cp)

    const acknowledged: string[] = []
    let refused: Answer | undefined
    for (let i = 0; i < 2000 && refused === undefined; i++) {
      const { answer, id } = await createEnvironment(cp.url, `filling the disk with a rather long name, number ${i}`)
      if (id !== undefined) acknowledged.push(id)
      else refused = answer
    }
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(refused?.status).toBe(503)
    expect(refused?.body).toMatchObject({ status: '503', error: { code: 'SERVICE_UNAVAILABLE' } })
    expect(refused?.headers.get('retry-after')).toBe('1')
    // Still full: the next write is refused the same way, and reads keep working.
    expect((await createEnvironment(cp.url, 'one more')).answer.status).toBe(503)
    expect((await call(cp.url, 'GET', `/org/v2/environments/${acknowledged[0]}`)).status).toBe(200)
    const list = await call(cp.url, 'GET', '/org/v2/environments?page_size=100')
    expect(list.status).toBe(200)
    expect((list.body.metadata as { total_size: number }).total_size).toBe(acknowledged.length)

    expect(await cp.stop()).toBe(0)
    running.splice(0)
    const stored = sqliteEnvironmentIds(cp.dataDir)
    expect(stored.integrity).toBe('ok')
    expect(missing(acknowledged, stored.ids)).toEqual([])
    expect(stored.ids.size).toBe(acknowledged.length)
    recordFigures('sqlite-full', { acknowledgedBeforeFull: acknowledged.length, lost: 0, refusedWith: refused?.status })
  })
})
