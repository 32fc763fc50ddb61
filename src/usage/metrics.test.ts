import { createRuntime } from 'strata'
import { expect, test } from 'vitest'
import { usageTestApi } from '../../test/helpers/usage-api.ts'
import { createUsageMetrics } from './index.ts'

test('metrics: 60 clients sending 30 made-up versions -> series only per declared version and status class', async () => {
  const { api, routes } = usageTestApi()
  const metrics = createUsageMetrics(api, { path: '/metrics' })
  const runtime = createRuntime({ api, routes, onExchange: metrics.record, unversioned: [metrics.route] })
  for (let i = 0; i < 60; i++) {
    const version = i % 2 === 0 ? `${100 + (i % 30)}` : '2'
    await runtime.handle({
      method: 'GET',
      url: '/things/1',
      headers: { 'x-api-version': version, 'x-client-id': `c${i}` },
    })
  }
  const res = await runtime.handle({ method: 'GET', url: '/metrics', headers: {} })
  expect(res.status).toBe(200)
  const series = (res.body ?? '').split('\n').filter((line) => line.startsWith('strata_'))
  expect(series).toEqual([
    'strata_requests_total{scope="(api)",version="(unknown)",deprecated="false",status_class="4xx"} 30',
    'strata_requests_total{scope="(api)",version="2",deprecated="true",status_class="2xx"} 30',
    'strata_requested_deprecated_versions{scope="(api)",version="2",sunset="2027-03-01"} 1',
  ])
})
