import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import type { Availability } from './service.ts'

/** Debian's chromium (installed by scripts/services/chromium.sh); `STRATA_CHROMIUM` points elsewhere. */
export const CHROMIUM_PATH = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Tells whether Chromium can be launched on this machine, and if not, why.
 *
 * @example
 * if (!chromiumAvailability().available) console.log('no browser')
 */
export function chromiumAvailability(): Availability {
  if (existsSync(CHROMIUM_PATH)) return { available: true }
  return {
    available: false,
    reason: `${CHROMIUM_PATH} not found; run scripts/services/chromium.sh to install chromium`,
  }
}

/** A headless Chromium for one test file; `stop` closes it. */
export interface RunningBrowser {
  readonly browser: Browser
  stop(): Promise<void>
}

/**
 * Launches headless Chromium through playwright-core (which never downloads a browser of its own).
 *
 * @example
 * const { browser, stop } = await startChromium()
 */
export async function startChromium(): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in containers has no user namespace sandbox; the pages under test are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  })
  return { browser, stop: () => browser.close() }
}
