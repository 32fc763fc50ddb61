import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NOW } from './conformance/adapters.ts'
import { type RunningExample, startExample } from './start-example.ts'

// Seed 002: "To use the API directly, use the header {"version": "beta"}" beside seed 003's `-beta` suffix.
describe('calendar example: the header version: beta selects the beta channel (real socket)', () => {
  let example: RunningExample
  let id: number
  beforeAll(async () => {
    example = await startExample('calendar', { STRATA_NOW: NOW })
    const res = await fetch(`${example.url}/api/v1/assets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
      body: JSON.stringify({ title: 'valve' }),
    })
    id = ((await res.json()) as { id: number }).id
    await fetch(`${example.url}/api/v1/assets/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
      body: JSON.stringify({ criticality: 'critical' }),
    })
  })
  afterAll(async () => {
    await example?.stop()
  })
  const get = (headers: Record<string, string>) => fetch(`${example.url}/api/v1/assets/${id}`, { headers })

  test('Cdf-Version: 20230205 and version: beta -> 20230203-beta answers, criticality critical readable', async () => {
    const res = await get({ 'cdf-version': '20230205', version: 'beta' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cdf-version')).toBe('20230203-beta')
    expect(((await res.json()) as { criticality: string }).criticality).toBe('critical')
  })

  test('the same as Cdf-Version: 20230205-beta', async () => {
    const [viaHeader, viaSuffix] = await Promise.all([
      get({ 'cdf-version': '20230205', version: 'beta' }),
      get({ 'cdf-version': '20230205-beta' }),
    ])
    expect(await viaHeader.json()).toEqual(await viaSuffix.json())
  })

  test('Cdf-Version: 20230205 without the header -> stable 20230201, critical shown as high', async () => {
    const res = await get({ 'cdf-version': '20230205' })
    expect(res.headers.get('cdf-version')).toBe('20230201')
    expect(((await res.json()) as { criticality: string }).criticality).toBe('high')
  })

  test('version: beta alone -> the beta channel, not the stable default 20230101', async () => {
    const res = await get({ version: 'beta' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cdf-version')).toBe('20240601')
    expect(res.headers.get('cdf-versions-supported')).toContain('20230203-beta')
  })
})
