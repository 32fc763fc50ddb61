import { describe, expect, test } from 'vitest'
import { envelopeFormat } from '../conventions/error/format.ts'
import { HttpProblem } from '../conventions/error/problem.ts'
import { isVersionRefusal, withVersionRefusalBody } from './version-refusal-format.ts'

const format = withVersionRefusalBody(envelopeFormat, (refusal) => ({
  message: 'Unsupported API version requested.',
  release_version: '7.5.0+1',
  api_version: refusal.latest,
  requested: refusal.requested,
  supported: refusal.supported,
}))
const context = { path: '/api/devices', now: new Date('2026-01-01T00:00:00Z') }

describe('version refusal bodies', () => {
  test.each(['VERSION_MALFORMED', 'VERSION_AMBIGUOUS', 'VERSION_REQUIRED', 'VERSION_UNKNOWN', 'VERSION_SUNSET'])(
    '%s -> rendered by the refusal body from the problem facts',
    (code) => {
      const problem = new HttpProblem({
        status: 410,
        code,
        message: 'no',
        data: { requested_version: 'abc', latest_version: '3', supported_versions: ['2', '3'] },
      })
      expect(isVersionRefusal(problem)).toBe(true)
      expect(format.render(problem, context)).toEqual({
        message: 'Unsupported API version requested.',
        release_version: '7.5.0+1',
        api_version: '3',
        requested: 'abc',
        supported: ['2', '3'],
      })
    },
  )

  test('refusal without facts (no live version) -> latest and requested absent, supported empty', () => {
    const body = format.render(new HttpProblem({ status: 410, code: 'VERSION_UNKNOWN', message: 'none' }), context)
    expect(body).toEqual({
      message: 'Unsupported API version requested.',
      release_version: '7.5.0+1',
      api_version: undefined,
      requested: undefined,
      supported: [],
    })
  })

  test('any other problem (404) -> the base format, content type of the base', () => {
    const problem = new HttpProblem({ status: 404, code: 'NOT_FOUND', message: 'Snapshot 7 does not exist' })
    expect(isVersionRefusal(problem)).toBe(false)
    expect(format.render(problem, context)).toEqual(envelopeFormat.render(problem, context))
    expect([format.contentType, format.name]).toEqual([envelopeFormat.contentType, 'envelope+version-refusal'])
  })
})
