import { describe, expect, test } from 'vitest'
import { brief, diff, spec } from '../../../test/helpers/openapi-pair.ts'

const ok = { '200': { description: 'ok' } }
const api = (servers?: unknown[], own?: { pathItem?: unknown[]; operation?: unknown[] }) =>
  spec(
    {
      '/pets': {
        ...(own?.pathItem ? { servers: own.pathItem } : {}),
        get: { responses: ok, ...(own?.operation ? { servers: own.operation } : {}) },
      },
    },
    {},
    servers ? { servers } : {},
  )
const url = (u: string) => ({ url: u })

describe('servers: where every URL starts', () => {
  test('the only server moves from /v1 to /v2 -> breaking, at #/servers', () => {
    const findings = diff(api([url('https://api.example.com/v1')]), api([url('https://api.example.com/v2')]))
    expect(brief(findings)).toEqual(['breaking server-base-path-changed #/servers', 'info server-added #/servers'])
    expect(findings[0]?.message).toBe('The API moved from `/v1` to `/v2`; requests to the old URLs no longer reach it.')
  })

  test('relative server /api -> /api/v2 -> breaking', () => {
    expect(brief(diff(api([url('/api')]), api([url('/api/v2')])))[0]).toBe(
      'breaking server-base-path-changed #/servers',
    )
  })

  test('a server added beside the old one -> info only', () => {
    const old = api([url('https://api.example.com/v1')])
    const next = api([url('https://api.example.com/v1'), url('https://eu.example.com/v1')])
    expect(brief(diff(old, next))).toEqual(['info server-added #/servers'])
  })

  test('host moves but the path stays (/v1) -> a warning for the removed server, not breaking', () => {
    const findings = diff(api([url('https://old.example.com/v1')]), api([url('https://new.example.com/v1/')]))
    expect(brief(findings)).toEqual(['warning server-removed #/servers', 'info server-added #/servers'])
  })

  test('server variables at their defaults: {version} default v1 -> v2 -> breaking', () => {
    const templated = (v: string) => ({
      url: 'https://api.example.com/{version}',
      variables: { version: { default: v } },
    })
    expect(brief(diff(api([templated('v1')]), api([templated('v2')])))).toContain(
      'breaking server-base-path-changed #/servers',
    )
  })

  test('trailing slash and the same URL written with a variable -> no finding', () => {
    const old = api([url('https://api.example.com/v1/')])
    const next = api([{ url: 'https://{host}/v1', variables: { host: { default: 'api.example.com' } } }])
    expect(diff(old, next)).toEqual([])
  })

  test('no servers before, some now -> only info (the old base path is unknown)', () => {
    expect(brief(diff(api(), api([url('https://api.example.com/v1')])))).toEqual(['info server-added #/servers'])
  })

  test('an operation override moves its path (/v1 -> /v2) -> breaking at the operation', () => {
    const root = [url('https://api.example.com')]
    const findings = diff(
      api(root, { operation: [url('https://api.example.com/v1')] }),
      api(root, { operation: [url('https://api.example.com/v2')] }),
    )
    expect(brief(findings)).toContain('breaking server-base-path-changed #/paths/~1pets/get')
  })

  test('a path-item override removed, the root servers serve the same path -> no finding', () => {
    const root = [url('https://api.example.com/v1')]
    expect(diff(api(root, { pathItem: [url('https://api.example.com/v1')] }), api(root))).toEqual([])
  })
})
