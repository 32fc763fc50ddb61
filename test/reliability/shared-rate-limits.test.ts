import { afterAll, beforeAll, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { describeWithRedis } from '../services/redis.ts'
import { type Answer, call, eventually, startControlPlane } from './control-plane.ts'
import { recordFigures } from './figures.ts'

const LIMIT = 40
const running: RunningExample[] = []
afterAll(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

/** Sends `total` GETs spread over the instances, `parallel` at a time, and returns every answer with its instance. */
async function burst(instances: readonly RunningExample[], total: number, parallel = 12) {
  const answers: { instance: number; answer: Answer }[] = []
  let next = 0
  const worker = async () => {
    while (next < total) {
      const instance = next++ % instances.length
      answers.push({ instance, answer: await call(instances[instance]!.url, 'GET', '/org/v2/environments') })
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return answers
}

const allowed = (answers: readonly { answer: Answer }[]) => answers.filter((a) => a.answer.status === 200).length
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0

describeWithRedis('two instances behind one Redis', (redis) => {
  let a: RunningExample
  let b: RunningExample
  let closed: RunningExample
  const figures: Record<string, unknown> = { limit: LIMIT, windowSeconds: 60 }

  beforeAll(async () => {
    const env = { REDIS_URL: redis().url, RATE_LIMIT_PRINCIPAL: `${LIMIT}/60` }
    // The first instance creates the database and the key; the others share both.
    a = await startControlPlane(env)
    running.push(a)
    ;[b, closed] = await Promise.all([
      startControlPlane(env, a.dataDir),
      startControlPlane({ ...env, RATE_LIMIT_REDIS_DOWN: 'fail-closed' }, a.dataDir),
    ])
    running.push(b, closed)
  })

  test(`principal limit ${LIMIT}/60s, 3x that many requests spread over both -> at most 10 % more than ${LIMIT} allowed in all`, async () => {
    const answers = await burst([a, b], LIMIT * 3)
    const ok = allowed(answers)
    expect(ok).toBeGreaterThanOrEqual(LIMIT)
    expect(ok).toBeLessThanOrEqual(LIMIT * 1.1)
    expect(answers.every((x) => x.answer.status === 200 || x.answer.status === 429)).toBe(true)
    figures.allowedShared = ok
  })

  test('Redis stops -> per-instance limits apply at once (no hang), each instance logs it once; fail-closed answers 503 with Retry-After', async () => {
    await redis().halt()
    const answers = await burst([a, b], LIMIT * 3)
    const slowest = Math.max(...answers.map((x) => x.answer.ms))
    expect(slowest).toBeLessThan(2000)
    expect(answers.every((x) => x.answer.status === 200 || x.answer.status === 429)).toBe(true)
    // Each instance now enforces the whole limit on its own.
    for (const instance of [0, 1]) {
      const own = answers.filter((x) => x.instance === instance)
      expect(allowed(own)).toBeLessThanOrEqual(LIMIT * 1.1)
      expect(allowed(own)).toBeGreaterThan(0)
    }
    for (const cp of [a, b]) {
      expect(
        count(cp.output(), /control-plane: Redis is unavailable .*each instance now enforces the limits on its own/g),
      ).toBe(1)
    }
    const refused = await call(closed.url, 'GET', '/org/v2/environments')
    expect(refused.status).toBe(503)
    expect(refused.body).toMatchObject({ status: '503', error: { code: 'SERVICE_UNAVAILABLE' } })
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(count(closed.output(), /control-plane: Redis is unavailable .*requests are refused with 503/g)).toBe(1)
    figures.allowedPerInstanceDuringOutage = [0, 1].map((i) => allowed(answers.filter((x) => x.instance === i)))
    figures.slowestMsDuringOutage = Math.round(slowest)
  })

  test('Redis returns -> each instance logs it once and the shared limit holds again', async () => {
    await redis().resume()
    await eventually(
      () => [a, b, closed].every((cp) => count(cp.output(), /control-plane: Redis is back/g) === 1),
      15_000,
      'every instance reporting Redis back',
    )
    // Redis kept nothing (no persistence): a fresh shared budget.
    const answers = await burst([a, b], LIMIT * 3)
    const ok = allowed(answers)
    expect(ok).toBeGreaterThanOrEqual(LIMIT)
    expect(ok).toBeLessThanOrEqual(LIMIT * 1.1)
    expect((await call(closed.url, 'GET', '/org/v2/environments')).status).toBe(429)
    figures.allowedSharedAfterRecovery = ok
    recordFigures('shared-rate-limits', figures)
  })
})
