import { describe, expect, test } from 'vitest'
import { brief, diff, spec } from '../../../test/helpers/openapi-pair.ts'

const op = '#/paths/~1pets/get'
/** GET /pets under `security`, with the given security schemes declared. */
const secured = (schemes: Record<string, unknown>, security: unknown, root?: unknown) => {
  const doc = spec({ '/pets': { get: { responses: { '200': { description: 'ok' } }, security } } })
  return { ...doc, components: { ...doc.components, securitySchemes: schemes }, ...(root ? { security: root } : {}) }
}
const key = (name: string, where = 'header') => ({ type: 'apiKey', in: where, name })
const oauth = (tokenUrl: string) => ({
  type: 'oauth2',
  flows: { clientCredentials: { tokenUrl, scopes: { read: 'read pets', write: 'write pets' } } },
})

describe('security: schemes compared by what they are, not by name', () => {
  test('API-key scheme renamed (ApiKeyAuth -> key), same header -> no finding', () => {
    const old = secured({ ApiKeyAuth: key('X-Key') }, [{ ApiKeyAuth: [] }])
    const next = secured({ key: key('X-Key', 'header') }, [{ key: [] }])
    expect(diff(old, next)).toEqual([])
  })

  test('OAuth scheme renamed, descriptions and offered scopes reworded -> no finding', () => {
    const renamed = {
      type: 'oauth2',
      description: 'OAuth 2',
      flows: { clientCredentials: { tokenUrl: '/token', scopes: { read: 'Read', write: 'Write', admin: 'Admin' } } },
    }
    expect(
      diff(secured({ oauth: oauth('/token') }, [{ oauth: ['read'] }]), secured({ o2: renamed }, [{ o2: ['read'] }])),
    ).toEqual([])
  })

  test('header name differs only in case (X-Key -> x-key) -> no finding (header names have no case)', () => {
    expect(diff(secured({ k: key('X-Key') }, [{ k: [] }]), secured({ k: key('x-key') }, [{ k: [] }]))).toEqual([])
  })

  test('same scheme name, key moved from header to query -> breaking: a new requirement', () => {
    const findings = diff(
      secured({ k: key('api_key') }, [{ k: [] }]),
      secured({ k: key('api_key', 'query') }, [{ k: [] }]),
    )
    expect(brief(findings)).toEqual([`breaking security-requirement-added ${op}`])
  })

  test('same scheme name, apiKey replaced by HTTP bearer -> breaking', () => {
    const findings = diff(
      secured({ auth: key('X-Key') }, [{ auth: [] }]),
      secured({ auth: { type: 'http', scheme: 'bearer' } }, [{ auth: [] }]),
    )
    expect(brief(findings)).toEqual([`breaking security-requirement-added ${op}`])
    expect(findings[0]?.message).toContain('`auth`')
  })

  test('HTTP scheme Basic -> basic (case) -> no finding; basic -> bearer -> breaking', () => {
    const http = (scheme: string) => secured({ h: { type: 'http', scheme } }, [{ h: [] }])
    expect(diff(http('Basic'), http('basic'))).toEqual([])
    expect(brief(diff(http('basic'), http('bearer')))).toEqual([`breaking security-requirement-added ${op}`])
  })

  test('OAuth token URL moved under the same name -> breaking', () => {
    const findings = diff(
      secured({ o: oauth('/token') }, [{ o: ['read'] }]),
      secured({ o: oauth('/oauth/token') }, [{ o: ['read'] }]),
    )
    expect(brief(findings)).toEqual([`breaking security-requirement-added ${op}`])
  })

  test('document-level requirement renamed with its scheme, operation inherits it -> no finding', () => {
    const inherit = (name: string) => {
      const doc = secured({ [name]: key('X-Key') }, undefined, [{ [name]: [] }])
      delete (doc.paths['/pets'] as { get: Record<string, unknown> }).get.security
      return doc
    }
    expect(diff(inherit('a'), inherit('b'))).toEqual([])
  })

  test('requirement names a scheme components.securitySchemes lacks -> input error naming file and pointer', () => {
    const bad = secured({}, [{ missing: [] }])
    expect(() => diff(bad, bad)).toThrow(
      'old.yaml at /paths/~1pets/get/security/0/missing: security requirement names the scheme "missing", which components.securitySchemes does not declare',
    )
  })
})
