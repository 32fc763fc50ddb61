// The recording step alone, in process: ns per exchange of the usage observers (recorder + metrics)
// against one runtime.handle() of the same request without them. Less noisy than wrk on a shared box.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRuntime, type ExchangeRecord } from 'strata'
import { createUsage } from 'strata/usage'
import { calendarProgram } from '../../examples/calendar/serve.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'strata-bench-record-'))
const clock = () => new Date('2026-12-01T00:00:00Z')
const { runtime: options, store } = await calendarProgram({ dataDir, clock })
const { onExchange: _o, unversioned: _u, ...bare } = options
const runtime = createRuntime(bare)
const usage = await createUsage({ api: bare.api, dataDir: join(dataDir, 'bench'), flushIntervalMs: 3_600_000 })
await runtime.handle({
  method: 'POST',
  url: '/api/v1/assets',
  headers: { 'content-type': 'application/json', 'cdf-version': '20230101' },
  body: JSON.stringify({ name: 'pump', source: 'sap' }),
})
const request = {
  method: 'GET',
  url: '/api/v1/assets/1',
  headers: { 'cdf-version': '20230101', 'x-client-id': 'bench' },
}
const record: ExchangeRecord = {
  scope: undefined,
  version: '20230101',
  channel: 'stable',
  method: 'GET',
  route: '/api/v1/assets/:id',
  principal: undefined,
  status: 200,
  headers: request.headers,
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const handleNs: number[] = []
const recordNs: number[] = []
for (let round = 0; round < 7; round++) {
  let t = process.hrtime.bigint()
  for (let i = 0; i < 5_000; i++) await runtime.handle(request)
  handleNs.push(Number(process.hrtime.bigint() - t) / 5_000)
  t = process.hrtime.bigint()
  for (let i = 0; i < 200_000; i++) for (const observe of usage.observers) observe(record)
  recordNs.push(Number(process.hrtime.bigint() - t) / 200_000)
}
const share = median(recordNs) / median(handleNs)
console.log(
  `usage observers: ${median(recordNs).toFixed(0)} ns per exchange; runtime.handle() alone: ${(median(handleNs) / 1000).toFixed(1)} µs; share ${(share * 100).toFixed(2)} % (median of 7 rounds)`,
)
await usage.close()
await store.close()
rmSync(dataDir, { recursive: true, force: true })
