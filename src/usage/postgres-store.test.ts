import { createRuntime } from 'strata'
import { expect, test } from 'vitest'
import { USAGE_NOW, usageTestApi } from '../../test/helpers/usage-api.ts'
import { describeWithPostgres } from '../../test/services/postgres.ts'
import { createUsageRecorder, openUsageStore, usageReport } from './index.ts'

describeWithPostgres('usage store on PostgreSQL', (postgres) => {
  test('two recorders (two instances) on one database -> counts add into the same rows; report reads them', async () => {
    const url = await postgres().createDatabase('usage_two_recorders')
    const { api, routes } = usageTestApi()
    const a = createUsageRecorder({ store: await openUsageStore({ databaseUrl: url }), clock: () => USAGE_NOW })
    const b = createUsageRecorder({ store: await openUsageStore({ databaseUrl: url }), clock: () => USAGE_NOW })
    const one = createRuntime({ api, routes, onExchange: a.record })
    const two = createRuntime({ api, routes, onExchange: b.record })
    const get = (client: string) => ({
      method: 'GET',
      url: '/things/1',
      headers: { 'x-api-version': '2', 'x-client-id': client },
    })
    for (let i = 0; i < 4; i++) await one.handle(get('acme'))
    for (let i = 0; i < 6; i++) await two.handle(get('acme'))
    await two.handle(get('globex'))
    await Promise.all([a.flush(), b.flush()])
    await one.handle(get('acme'))
    await a.close()
    await b.close()
    const store = await openUsageStore({ databaseUrl: url, create: false })
    try {
      const rows = await store.rowsSince(new Date(0))
      expect(rows.map((r) => [r.client, r.requests]).sort()).toEqual([
        ['acme', 11],
        ['globex', 1],
      ])
      const report = await usageReport(store, { api })
      expect(report.versions.find((v) => v.version === '2')?.principals.map((p) => [p.principal, p.requests])).toEqual([
        ['acme', 11],
        ['globex', 1],
      ])
      expect(await store.purge(new Date('2027-01-01T00:00:00Z'))).toBe(2)
    } finally {
      await store.close()
    }
  })
})
