/** One known-bad request and the refusal every adapter must answer it with. */
export interface BadRequest {
  readonly name: string
  readonly method?: string
  readonly target: string
  readonly headers?: Record<string, string>
  readonly body?: string | Buffer
  readonly status: number
  readonly type: string
}

const json = { 'content-type': 'application/json' }
const assets = '/api/v1/assets'

/** Known-bad payloads against the calendar program (`/api/v1/assets`, `Cdf-Version` dates). */
export const corpus: readonly BadRequest[] = [
  // Version selectors
  {
    name: 'Cdf-Version garbage',
    target: assets,
    headers: { 'cdf-version': 'yesterday' },
    status: 400,
    type: 'VERSION_MALFORMED',
  },
  {
    name: 'Cdf-Version 5000 digits',
    target: assets,
    headers: { 'cdf-version': '9'.repeat(5000) },
    status: 400,
    type: 'VERSION_MALFORMED',
  },
  {
    name: 'Cdf-Version unicode digits',
    target: assets,
    headers: { 'cdf-version': Buffer.from('２０２３０２０５').toString('latin1') },
    status: 400,
    type: 'VERSION_MALFORMED',
  },
  {
    name: 'Cdf-Version invalid date 20230231',
    target: assets,
    headers: { 'cdf-version': '20230231' },
    status: 400,
    type: 'VERSION_MALFORMED',
  },
  {
    name: 'Cdf-Version before the first version',
    target: assets,
    headers: { 'cdf-version': '19700101' },
    status: 410,
    type: 'VERSION_UNKNOWN',
  },
  { name: 'Cdf-Version empty', target: assets, headers: { 'cdf-version': '' }, status: 400, type: 'VERSION_MALFORMED' },
  {
    name: 'Cdf-Version unknown channel',
    target: assets,
    headers: { 'cdf-version': '20230205-alpha' },
    status: 400,
    type: 'VERSION_MALFORMED',
  },
  // Paths
  { name: 'path: invalid percent-encoding %zz', target: `${assets}/%zz`, status: 400, type: 'INVALID_REQUEST' },
  {
    name: 'path: truncated UTF-8 percent-encoding',
    target: `${assets}/%E0%A4%A`,
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'path: encoded NUL and overlong UTF-8',
    target: `${assets}/%C0%AE%C0%AE`,
    status: 400,
    type: 'INVALID_REQUEST',
  },
  { name: 'path: traversal ../../etc/passwd', target: `${assets}/../../../etc/passwd`, status: 404, type: 'NOT_FOUND' },
  {
    name: 'path: encoded traversal %2e%2e%2f',
    target: `${assets}/%2e%2e%2f%2e%2e%2fetc`,
    status: 422,
    type: 'VALIDATION_FAILED',
  },
  { name: 'path: encoded slash in an id', target: `${assets}/1%2F2`, status: 422, type: 'VALIDATION_FAILED' },
  { name: 'path: 9 KiB long', target: `${assets}/${'1'.repeat(9 * 1024)}`, status: 414, type: 'URI_TOO_LONG' },
  {
    name: 'path: 20 KiB long (past Node’s parser limit)',
    target: `${assets}/${'1'.repeat(20 * 1024)}`,
    status: 431,
    type: 'HEADERS_TOO_LARGE',
  },
  // Query strings
  {
    name: 'query: limit repeated 500 times',
    target: `${assets}?${'limit=1&'.repeat(500)}`,
    headers: { 'cdf-version': '20240601' },
    status: 422,
    type: 'VALIDATION_FAILED',
  },
  {
    name: 'query: one 9 KiB parameter',
    target: `${assets}?limit=${'9'.repeat(9 * 1024)}`,
    status: 414,
    type: 'URI_TOO_LONG',
  },
  {
    name: 'query: limit not a number',
    target: `${assets}?limit=%ff%fe`,
    headers: { 'cdf-version': '20240601' },
    status: 422,
    type: 'VALIDATION_FAILED',
  },
  // JSON bodies
  {
    name: 'body: invalid UTF-8',
    method: 'POST',
    target: assets,
    headers: json,
    body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: truncated',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"pu',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: empty with a JSON type',
    method: 'POST',
    target: assets,
    headers: json,
    body: '',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: 100 000 nested arrays',
    method: 'POST',
    target: assets,
    headers: json,
    body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    status: 413,
    type: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body: 65 nested objects',
    method: 'POST',
    target: assets,
    headers: json,
    body: `{"name":"a","metadata":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`,
    status: 413,
    type: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body: 20 000-item array',
    method: 'POST',
    target: assets,
    headers: json,
    body: `{"name":"a","labels":[${'1,'.repeat(19_999)}1]}`,
    status: 413,
    type: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body: 1e6-item array (past the body limit)',
    method: 'POST',
    target: assets,
    headers: json,
    body: `[${'0,'.repeat(999_999)}0]`,
    status: 413,
    type: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body: 10 MB string',
    method: 'POST',
    target: assets,
    headers: json,
    body: `{"name":"${'x'.repeat(10_000_000)}"}`,
    status: 413,
    type: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body: duplicate key',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"a","name":"b"}',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: duplicate key spelled with an escape',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"a","\\u006eame":"b"}',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: __proto__ key',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"a","__proto__":{"polluted":"yes"}}',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: nested __proto__ key',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"a","metadata":{"__proto__":{"polluted":"yes"}}}',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: constructor.prototype',
    method: 'POST',
    target: assets,
    headers: json,
    body: '{"name":"a","constructor":{"prototype":{"polluted":"yes"}}}',
    status: 400,
    type: 'INVALID_REQUEST',
  },
  {
    name: 'body: not JSON media type',
    method: 'POST',
    target: assets,
    headers: { 'content-type': 'text/plain' },
    body: 'name=a',
    status: 415,
    type: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'body: a JSON string, not an object',
    method: 'POST',
    target: assets,
    headers: json,
    body: '"pump"',
    status: 422,
    type: 'VALIDATION_FAILED',
  },
  // Headers
  {
    name: 'headers: 20 KiB header',
    target: assets,
    headers: { 'x-filler': 'a'.repeat(20 * 1024) },
    status: 431,
    type: 'HEADERS_TOO_LARGE',
  },
]
