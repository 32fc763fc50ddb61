import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { choosePlacement, placeVersion } from './version-placement.ts'

const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/)
const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`)

describe('version placement properties', () => {
  test('segment after any prefix -> inserted once right after it; placing again changes nothing', () => {
    fc.assert(
      fc.property(path, path, fc.stringMatching(/^v[0-9]{1,2}$/), (prefix, rest, version) => {
        // A path that already has the version after the prefix is left alone (tested below the property).
        fc.pre(rest.split('/')[1] !== version)
        const full = prefix === '/' ? rest : `${prefix}${rest === '/' ? '' : rest}`
        const chosen = { placement: { segment: version }, prefix }
        const once = placeVersion(full, chosen, new Headers(), false)
        const base = prefix.replace(/\/+$/, '')
        expect(once.startsWith(`${base}/${version}`)).toBe(true)
        expect(placeVersion(once, chosen, new Headers(), false)).toBe(once)
        expect(once.replace(`${base}/${version}`, base) || '/').toBe(full === '' ? '/' : full)
      }),
    )
  })

  test('path already carrying the segment after its prefix -> unchanged', () => {
    const chosen = { placement: { segment: 'v2' }, prefix: '/cmk' }
    expect(placeVersion('/cmk/v2/clusters', chosen, new Headers(), false)).toBe('/cmk/v2/clusters')
    expect(placeVersion('/cmk', chosen, new Headers(), false)).toBe('/cmk/v2')
  })

  test('several matching prefixes -> the longest wins; a prefix matches only at a / boundary', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 2, maxLength: 4 }), (parts) => {
        const short = `/${parts[0]}`
        const long = `/${parts.slice(0, 2).join('/')}`
        const byPrefix = { [short]: { segment: 'v1' }, [long]: { segment: 'v2' } }
        expect(choosePlacement(`/${parts.join('/')}`, undefined, byPrefix, undefined).prefix).toBe(long)
        expect(choosePlacement(`${short}x/y`, undefined, byPrefix, undefined).placement).toBeUndefined()
      }),
    )
  })

  test('a request value with a header placement -> the same header with that value; default untouched', () => {
    const fallback = { header: 'X-API-Version', value: '1' }
    const chosen = choosePlacement('/devices', fallback, {}, '3')
    const headers = new Headers()
    placeVersion('/devices', chosen, headers, false)
    expect([headers.get('x-api-version'), fallback.value]).toEqual(['3', '1'])
  })
})
