import { type DiffOptions, diffOpenApi, type Finding, toOpenApiDocument } from '../../src/openapi/index.ts'

/** A minimal OpenAPI 3.1 document around the given paths and component schemas. */
export function spec(
  paths: Record<string, unknown>,
  schemas: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components: { schemas }, ...extra }
}

/** A POST /pets whose JSON request body is `schema`, with an empty 204 response. */
export function requestBody(schema: unknown, schemas: Record<string, unknown> = {}) {
  return spec(
    {
      '/pets': {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema } } },
          responses: { '204': { description: 'ok' } },
        },
      },
    },
    schemas,
  )
}

/** A GET /pets whose 200 JSON response is `schema`. */
export function responseBody(schema: unknown, schemas: Record<string, unknown> = {}) {
  return spec(
    { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } } },
    schemas,
  )
}

/** Diffs two in-memory documents (deep-copied first, since loading rewrites `$ref`s). */
export function diff(oldValue: unknown, newValue: unknown, options: DiffOptions = {}): Finding[] {
  const copy = (value: unknown) => structuredClone(value)
  return diffOpenApi(toOpenApiDocument(copy(oldValue), 'old.yaml'), toOpenApiDocument(copy(newValue), 'new.yaml'), {
    now: new Date('2025-06-01T00:00:00Z'),
    ...options,
  })
}

/** Findings as compact `severity rule pointer` lines, for exact assertions. */
export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule} ${f.location.pointer}`)
}
