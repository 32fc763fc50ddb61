import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bundleWorker } from '../../examples/calendar-workers/bundle.ts'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

// A smoke test of the calendar program on a real Workers runtime (Cloudflare's workerd, from npm): no code
// generation there, so it runs the router, interpreted migrations and the generated validators.
describe('calendar program on workerd', () => {
  let child: ChildProcess
  let url: string
  beforeAll(async () => {
    const port = await freePort()
    const config = await bundleWorker(mkdtempSync(join(tmpdir(), 'strata-workerd-')), port)
    child = spawn('node_modules/.bin/workerd', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString()
    })
    url = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      const up = await fetch(`${url}/api/v1/assets`).then(
        () => true,
        () => false,
      )
      if (up) break
      if (i > 100 || child.exitCode !== null) throw new Error(`workerd did not start:\n${out}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  })
  afterAll(() => {
    child?.kill()
  })
  const json = { 'content-type': 'application/json' }
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  const read = async (res: Response): Promise<any> => res.json()

  test('create at 20230101 (deprecated) -> old field names, Deprecation and Sunset headers', async () => {
    const res = await fetch(`${url}/api/v1/assets`, {
      method: 'POST',
      headers: { ...json, 'Cdf-Version': '20230101' },
      body: JSON.stringify({ name: 'pump', source: 'sap' }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: 1, name: 'pump', source: null })
    expect(res.headers.get('deprecation')).toMatch(/^@\d+$/)
    expect(res.headers.get('sunset')).toBe('Mon, 01 Nov 2027 00:00:00 GMT')
  })

  test('read at 20240601 -> the renamed field title and RFC 3339 times', async () => {
    const res = await fetch(`${url}/api/v1/assets/1`, { headers: { 'Cdf-Version': '20240601' } })
    expect(res.headers.get('cdf-version')).toBe('20240601')
    const body = await read(res)
    expect(body).toMatchObject({ id: 1, title: 'pump' })
    expect(body.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  test("old client sends criticality 'critical' -> 422 naming the field, validated without code generation", async () => {
    const res = await fetch(`${url}/api/v1/assets`, {
      method: 'POST',
      headers: { ...json, 'Cdf-Version': '20230101' },
      body: JSON.stringify({ name: 'x', criticality: 'critical' }),
    })
    expect(res.status).toBe(422)
    expect((await read(res)).error.fields).toEqual([expect.objectContaining({ field: 'criticality' })])
  })

  test('an unknown path and an invalid percent-encoding -> 404 and 400 in the API error format', async () => {
    const missing = await fetch(`${url}/api/v1/nothing`)
    expect(missing.status).toBe(404)
    expect((await read(missing)).error).toMatchObject({ code: 404 })
    const bad = await fetch(`${url}/api/v1/assets/%E0%A4%A`)
    expect(bad.status).toBe(400)
    expect((await read(bad)).error).toMatchObject({ type: 'INVALID_REQUEST' })
  })
})
