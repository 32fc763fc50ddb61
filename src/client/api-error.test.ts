import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { type ApiError, isApiError } from './api-error.ts'
import { isClientError } from './client-error.ts'
import { createClient } from './create-client.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Answers every request with one error response and resolves with the ApiError the client throws. */
async function errorFor(status: number, body: unknown, headers: Record<string, string> = {}, type?: string) {
  server = await startScriptedServer((_req, res) =>
    typeof body === 'string'
      ? res.writeHead(status, { 'content-type': type ?? 'text/html', ...headers }).end(body)
      : sendJson(res, status, body, headers, type),
  )
  const error = await createClient({ baseUrl: server.url, retry: false })
    .get('/thing')
    .catch((e: unknown) => e)
  expect(isApiError(error, status)).toBe(true)
  expect(isClientError(error)).toBe(true)
  return error as ApiError
}

describe('error formats -> one ApiError shape', () => {
  test('Confluent envelope 422 with fields -> code, message, details, fields, suggestion, requestId, docUrl', async () => {
    const error = await errorFor(422, {
      status: '422',
      error: {
        code: 'VALIDATION_FAILED',
        message: '1 field failed validation',
        details: 'spec.cloud is not a cloud we run on.',
        fields: [{ field: 'spec.cloud', message: 'must be AWS, GCP or AZURE' }],
        timestamp: '2026-12-01T00:00:00Z',
        path: '/cmk/v2/clusters',
        suggestion: 'Fix the fields.',
        future_field: { anything: true },
      },
      requestId: 'req-1',
      doc_url: 'https://docs.example.com/VALIDATION_FAILED',
    })
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      serverMessage: '1 field failed validation',
      details: 'spec.cloud is not a cloud we run on.',
      fields: [{ field: 'spec.cloud', message: 'must be AWS, GCP or AZURE' }],
      suggestion: 'Fix the fields.',
      requestId: 'req-1',
      docUrl: 'https://docs.example.com/VALIDATION_FAILED',
    })
  })

  test('problem+json -> code, detail as message, errors as fields, type as docUrl', async () => {
    const error = await errorFor(
      422,
      {
        type: 'https://docs.example.com/problems/validation',
        title: 'One or more fields failed validation',
        status: 422,
        detail: '2 fields failed validation',
        instance: '/cmk/v2/clusters',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'spec.display_name' }],
        requestId: 'req-2',
      },
      {},
      'application/problem+json',
    )
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      serverMessage: '2 fields failed validation',
      fields: [{ field: 'spec.display_name' }],
      docUrl: 'https://docs.example.com/problems/validation',
      requestId: 'req-2',
    })
  })

  test('Cognite {error:{code: 410, message, type, latestVersion, supportedVersions}} -> the type is the code, versions read', async () => {
    const error = await errorFor(410, {
      error: {
        code: 410,
        message: 'Version 20220101 is sunset',
        type: 'VERSION_SUNSET',
        latestVersion: '20240601',
        supportedVersions: ['20230101', '20230201', '20240601'],
      },
    })
    expect(error).toMatchObject({
      code: 'VERSION_SUNSET',
      latestVersion: '20240601',
      supportedVersions: ['20230101', '20230201', '20240601'],
    })
    expect(error.message).toBe(
      `GET ${server?.url}/thing answered 410 VERSION_SUNSET: Version 20220101 is sunset (latest version: 20240601)`,
    )
  })

  test('Cognite without a type -> the numeric code as a string', async () => {
    expect((await errorFor(400, { error: { code: 400, message: 'Bad' } })).code).toBe('400')
  })

  test('IP Fabric 410 {message, release_version, api_version} + X-API-Versions-Supported -> latestVersion 2, supported 1,2', async () => {
    const error = await errorFor(
      410,
      { message: 'Unsupported API version requested.', release_version: '7.5.0+1', api_version: '2' },
      { 'x-api-versions-supported': '1,2' },
    )
    expect(error).toMatchObject({
      status: 410,
      serverMessage: 'Unsupported API version requested.',
      latestVersion: '2',
      supportedVersions: ['1', '2'],
    })
  })

  test('envelope 410 with latest_version and supported_versions in error -> read', async () => {
    const error = await errorFor(410, {
      status: '410',
      error: { code: 'VERSION_SUNSET', message: 'Gone', latest_version: 'v2', supported_versions: ['v2'] },
    })
    expect([error.latestVersion, error.supportedVersions]).toEqual(['v2', ['v2']])
  })

  test('an HTML page from a proxy -> status and the start of the text, no code', async () => {
    const error = await errorFor(502, '<html>Bad gateway</html>')
    expect([error.code, error.body]).toEqual([undefined, '<html>Bad gateway</html>'])
    expect(error.message).toBe(`GET ${server?.url}/thing answered 502: <html>Bad gateway</html>`)
  })

  test('429 with Retry-After 7 and retries off -> retryAfter 7', async () => {
    expect(
      (await errorFor(429, { error: { code: 'RATE_LIMITED', message: 'Slow down' } }, { 'retry-after': '7' }))
        .retryAfter,
    ).toBe(7)
  })

  test('OAuth2 token error {error, error_description} -> code and message', async () => {
    const error = await errorFor(401, { error: 'invalid_client', error_description: 'Unknown client' })
    expect([error.code, error.serverMessage]).toEqual(['invalid_client', 'Unknown client'])
  })
})
