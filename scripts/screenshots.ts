// Regenerates docs/screenshots/*.png of the portal: `npm run screenshots`. Serves the calendar
// example on node:http with the clock pinned (STRATA_NOW), sends a few calls from named clients so
// the usage page has traffic, and photographs each page in headless Chromium (Debian's chromium,
// installed by scripts/services/chromium.sh).
import { mkdirSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strataListener } from 'strata/node'
import { createPortal } from 'strata/portal'
import { calendarProgram } from '../examples/calendar/serve.ts'
import { recordUsage } from '../test/e2e/portal/recorded-usage.ts'
import { startChromium } from '../test/services/chromium.ts'

const NOW = Date.parse(process.env.STRATA_NOW ?? '2026-12-05T09:00:00Z')
const TOKEN = 'screenshots'
const out = join(import.meta.dirname, '..', 'docs', 'screenshots')
mkdirSync(out, { recursive: true })

// The clock moves a few minutes per call, so the traffic chart has a time axis.
let tick = 0
const clock = () => new Date(NOW + tick * 60_000)
const program = await calendarProgram({ dataDir: mkdtempSync(join(tmpdir(), 'strata-screenshots-')), clock })
const usage = recordUsage(program.runtime.api, clock)
const listener = strataListener({
  ...program.runtime,
  pages: createPortal({ title: 'Assets API', now: () => new Date(NOW), adminToken: TOKEN, usage: usage.report }),
})
const server = createServer((req, res) => {
  usage.record(req, res)
  listener(req, res)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const clients = [
  ['acme-billing', '20230101', 6],
  ['mobile-app', '20240601', 9],
  ['reporting-job', '20230201', 4],
  ['legacy-sync', '20230101', 3],
] as const
for (let round = 0; round < 12; round++) {
  tick = round * 5
  for (const [client, version, weight] of clients) {
    for (let i = 0; i < ((weight * (round + 3)) % 7) + 1; i++) {
      await fetch(`${base}/api/v1/assets`, { headers: { 'cdf-version': version, 'x-client-id': client } })
    }
  }
}

const { browser, stop } = await startChromium()
try {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` },
  })
  const page = await context.newPage()
  const shots: [string, string, string?][] = [
    ['overview', '/docs'],
    ['reference', '/docs/reference/api/20240601', 'body[data-reference-ready]'],
    ['changelog', '/docs/changelog'],
    ['usage', '/docs/usage'],
  ]
  for (const [name, path, ready] of shots) {
    await page.goto(`${base}${path}`, { waitUntil: 'load' })
    if (ready !== undefined) await page.waitForSelector(ready)
    await page.screenshot({ path: join(out, `${name}.png`) })
    process.stdout.write(`wrote docs/screenshots/${name}.png\n`)
  }
} finally {
  await stop()
  server.closeAllConnections()
  server.close()
  await program.store.close()
}
