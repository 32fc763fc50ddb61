import pg from 'pg'
import { afterAll, expect, test } from 'vitest'
import type { RunningExample } from '../e2e/start-example.ts'
import { describeWithPostgres } from '../services/postgres.ts'
import { type Answer, call, createEnvironment, eventually, sleep, startControlPlane } from './control-plane.ts'
import { recordFigures } from './figures.ts'

const running: RunningExample[] = []
afterAll(async () => {
  for (const cp of running.splice(0)) await cp.kill('SIGKILL')
})

function expectUnavailable(answer: Answer, withinMs: number) {
  expect(answer.status).toBe(503)
  expect(answer.body).toMatchObject({ status: '503', error: { code: 'SERVICE_UNAVAILABLE' } })
  expect(answer.headers.get('retry-after')).toBe('1')
  expect(answer.ms).toBeLessThan(withinMs)
}

describeWithPostgres('PostgreSQL stopped mid-run', (postgres) => {
  test('PostgreSQL stops -> the API stays up, reads and writes answer 503 with Retry-After within 1 s; it returns -> they succeed without a restart', async () => {
    const url = await postgres().createDatabase('outage')
    const cp = await startControlPlane({ DATABASE_URL: url })
    running.push(cp)
    expect((await createEnvironment(cp.url, 'before')).id).toBeDefined()

    await postgres().halt()
    // Give pg time to notice its idle connections closing: that 'error' used to end the process.
    await sleep(500)
    const during: Answer[] = []
    for (let i = 0; i < 5; i++) {
      during.push(await call(cp.url, 'GET', '/org/v2/environments'))
      during.push((await createEnvironment(cp.url, `during-${i}`)).answer)
    }
    for (const answer of during) expectUnavailable(answer, 1000)
    // Reported once per outage, in the example's words, however many connections were lost.
    expect(cp.output().match(/lost the PostgreSQL connection/g)?.length).toBe(1)

    await postgres().resume()
    let back: Answer | undefined
    await eventually(
      async () => {
        back = (await createEnvironment(cp.url, 'after')).answer
        return back.status === 201
      },
      10_000,
      'a write after PostgreSQL returned',
    )
    const list = await call(cp.url, 'GET', '/org/v2/environments')
    expect(list.status).toBe(200)
    expect((list.body.data as { display_name: string }[]).map((e) => e.display_name).sort()).toEqual([
      'after',
      'before',
    ])
    recordFigures('postgres-outage', {
      answersDuringOutage: during.length,
      statusesDuringOutage: [...new Set(during.map((a) => a.status))],
      slowestMsDuringOutage: Math.round(Math.max(...during.map((a) => a.ms))),
    })
  })

  test('pool of 2 held by a lock -> queued requests answer 503 after the acquire deadline, held ones after the statement deadline; none hangs', async () => {
    const url = await postgres().createDatabase('exhausted')
    const cp = await startControlPlane({
      DATABASE_URL: url,
      DATABASE_POOL_MAX: '2',
      DATABASE_ACQUIRE_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
    })
    running.push(cp)
    expect((await createEnvironment(cp.url, 'before')).id).toBeDefined()
    const locker = new pg.Client({ connectionString: url })
    await locker.connect()
    try {
      await locker.query('BEGIN')
      await locker.query('LOCK TABLE environments IN ACCESS EXCLUSIVE MODE')
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(cp.url, 'GET', '/org/v2/environments')))
      // Deadlines: 1.5 s statement + 0.5 s wait for a connection, with room for a loaded machine.
      for (const answer of answers) expectUnavailable(answer, 6000)
      await locker.query('ROLLBACK')
      expect((await call(cp.url, 'GET', '/org/v2/environments')).status).toBe(200)
      recordFigures('postgres-pool-exhausted', {
        requests: answers.length,
        statuses: [...new Set(answers.map((a) => a.status))],
        slowestMs: Math.round(Math.max(...answers.map((a) => a.ms))),
      })
    } finally {
      await locker.end()
    }
  })
})
