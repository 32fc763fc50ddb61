import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { strataListener } from 'strata/node'
import { createPortal } from 'strata/portal'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { calendarProgram, type ExampleServer } from '../../../examples/calendar/serve.ts'
import { createServer as createNodeExample } from '../../../examples/calendar-node/main.ts'
import { chromiumAvailability, type RunningBrowser, startChromium } from '../../services/chromium.ts'
import { describeWithService } from '../../services/service.ts'
import { recordUsage } from './recorded-usage.ts'

const NOW = '2026-12-05T00:00:00Z'
const ADMIN_TOKEN = 'portal-browser-admin-token'

/** What went wrong while a page loaded: console errors, page errors, failed or foreign requests, 4xx/5xx. */
interface Visit {
  readonly page: Page
  readonly problems: string[]
  readonly status: number | undefined
}

describeWithService(
  'portal in Chromium (calendar example on node:http, clock pinned by STRATA_NOW)',
  { label: 'chromium', availability: chromiumAvailability, start: startChromium, startTimeoutMs: 60_000 },
  (chromium: () => RunningBrowser) => {
    let example: ExampleServer
    let base: string
    let usageServer: Server
    let usageBase: string
    let closeUsage: () => void

    beforeAll(async () => {
      const before = process.env.STRATA_NOW
      process.env.STRATA_NOW = NOW
      try {
        example = await createNodeExample({ dataDir: mkdtempSync(join(tmpdir(), 'strata-portal-')) })
        base = await example.listen({ host: '127.0.0.1', port: 0 })
        // A second calendar server whose usage page reads what it served (see recorded-usage.ts).
        const clock = () => new Date(NOW)
        const program = await calendarProgram({ dataDir: mkdtempSync(join(tmpdir(), 'strata-portal-usage-')), clock })
        const usage = recordUsage(program.runtime.api, clock)
        const listener = strataListener({
          ...program.runtime,
          pages: createPortal({ adminToken: ADMIN_TOKEN, usage: usage.report }),
        })
        usageServer = createServer((req, res) => {
          usage.record(req, res)
          listener(req, res)
        })
        closeUsage = () => program.store.close()
        await new Promise<void>((resolve) => usageServer.listen(0, '127.0.0.1', resolve))
        usageBase = `http://127.0.0.1:${(usageServer.address() as AddressInfo).port}`
      } finally {
        if (before === undefined) delete process.env.STRATA_NOW
        else process.env.STRATA_NOW = before
      }
    })
    afterAll(async () => {
      await example?.close()
      usageServer?.closeAllConnections()
      await new Promise((resolve) => usageServer?.close(resolve))
      closeUsage?.()
    })

    async function visit(url: string, headers: Record<string, string> = {}): Promise<Visit> {
      const context = await chromium().browser.newContext({ extraHTTPHeaders: headers })
      const page = await context.newPage()
      const origin = new URL(url).origin
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`)
      })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`))
      page.on('request', (r) => {
        const u = r.url()
        if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign: ${u}`)
      })
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`)
      })
      const response = await page.goto(url, { waitUntil: 'load' })
      return { page, problems, status: response?.status() }
    }

    test('overview under STRATA_NOW=2026-12-05: 20220101 sunset, 20230101 deprecated (the default), 20240601 ga, today marked', async () => {
      const { page, problems, status } = await visit(`${base}/docs`)
      expect(status).toBe(200)
      const phaseOf = (v: string) => page.getAttribute(`svg.timeline g[data-version="${v}"]`, 'data-phase-now')
      expect(await phaseOf('20220101')).toBe('sunset')
      expect(await phaseOf('20230101')).toBe('deprecated')
      expect(await phaseOf('20240601')).toBe('ga')
      const drawn = await page.$$eval('svg.timeline g[data-version="20230101"] rect', (rects) =>
        rects.map((r) => r.getAttribute('data-phase')),
      )
      expect(drawn).toEqual(['released', 'deprecated', 'sunset'])
      expect(await page.getAttribute('svg.timeline g.today', 'data-today')).toBe('2026-12-05')
      expect(await page.textContent('.default-version')).toBe('20230101')
      expect(await page.textContent('ul.how-to')).toContain('Cdf-Version: 20240601')
      await page.close()
      expect(problems).toEqual([])
    })

    test('reference: Redoc renders 20230101 from its contract; the switcher moves to 20240601 and the reference changes', async () => {
      const { page, problems } = await visit(`${base}/docs/reference/api/20230101`)
      await page.waitForSelector('body[data-reference-ready="20230101"]')
      await page.waitForSelector('#reference h1')
      expect(await page.textContent('#reference h1')).toContain('20230101')
      const before = await page.textContent('#reference')
      await Promise.all([
        page.waitForURL('**/docs/reference/api/20240601'),
        page.selectOption('#version-switcher', { label: '20240601 (ga)' }),
      ])
      await page.waitForSelector('body[data-reference-ready="20240601"]')
      await page.waitForSelector('#reference h1')
      expect(await page.textContent('#reference h1')).toContain('20240601')
      const after = await page.textContent('#reference')
      expect(after).not.toBe(before)
      expect(await page.inputValue('#version-switcher')).toBe('/docs/reference/api/20240601')
      await page.close()
      expect(problems).toEqual([])
    })

    test('changelog: every released version with the ledger descriptions, no console errors', async () => {
      const { page, problems, status } = await visit(`${base}/docs/changelog`)
      expect(status).toBe(200)
      const versions = await page.$$eval('section.changelog-entry', (s) => s.map((e) => e.getAttribute('data-version')))
      expect(versions).toEqual(expect.arrayContaining(['20240601', '20230203-beta', '20230201', '20230101']))
      expect(await page.textContent('section[data-version="20240601"] ul.changes')).toContain('renameAssetNameToTitle')
      await page.close()
      expect(problems).toEqual([])
    })

    test('usage: a client that just called deprecated 20230101 is listed with 331 days to sunset; without the token 403', async () => {
      const call = await fetch(`${usageBase}/api/v1/assets`, {
        headers: { 'cdf-version': '20230101', 'x-client-id': 'acme-billing' },
      })
      expect(call.status).toBe(200)
      const { page, problems, status } = await visit(`${usageBase}/docs/usage`, {
        authorization: `Bearer ${ADMIN_TOKEN}`,
      })
      expect(status).toBe(200)
      const row = page.locator('table.still-calling tr[data-principal="acme-billing"][data-version="20230101"]')
      expect(await row.count()).toBe(1)
      expect(await row.locator('.days-to-sunset').textContent()).toBe('331 days')
      expect(await page.locator('svg.traffic polyline[data-version="20230101"]').count()).toBe(1)
      await page.close()
      expect(problems).toEqual([])

      const anonymous = await visit(`${usageBase}/docs/usage`)
      expect(anonymous.status).toBe(403)
      expect(JSON.parse((await anonymous.page.textContent('body')) ?? '')).toMatchObject({
        error: { code: 403, type: 'FORBIDDEN' },
      })
      await anonymous.page.close()
    })
  },
)
