import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { isOpenApiInputError, loadOpenApi, parseOpenApi } from './index.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'strata-load-'))
const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return file
}

async function failure(file: string): Promise<string> {
  try {
    await loadOpenApi(file)
  } catch (error) {
    if (isOpenApiInputError(error)) return error.message.replace(dir, '<dir>')
    throw error
  }
  return 'no error'
}

describe('loadOpenApi', () => {
  test('YAML with a relative $ref to another file -> the ref is local and resolves', async () => {
    write('pet.yaml', 'Pet:\n  type: object\n  properties:\n    id: { type: string }\n')
    const file = write(
      'api.yaml',
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: 'pet.yaml#/Pet'\n",
    )
    const doc = await loadOpenApi(file)
    expect(doc.version).toBe('3.0')
    expect((doc.root.components as { schemas: { Pet: { $ref: string } } }).schemas.Pet.$ref).toBe(
      '#/x-strata-external/pet.yaml/Pet',
    )
  })

  test('missing file -> input error naming the file', async () => {
    expect(await failure(path.join(dir, 'nope.yaml'))).toBe('<dir>/nope.yaml: file not found')
  })

  test('YAML syntax error -> input error with line and column', async () => {
    expect(await failure(write('bad.yaml', 'openapi: 3.1.0\npaths: [\n'))).toMatch(
      /^<dir>\/bad\.yaml:3:1: invalid YAML/,
    )
  })

  test('JSON syntax error -> input error with line', async () => {
    expect(await failure(write('bad.json', '{\n  "openapi": "3.1.0",\n}'))).toMatch(
      /^<dir>\/bad\.json:3:1: invalid JSON/,
    )
  })

  test('Swagger 2.0 -> input error at /openapi', async () => {
    expect(await failure(write('swagger.yaml', "swagger: '2.0'\n"))).toBe(
      '<dir>/swagger.yaml at /openapi: missing the "openapi" field: expected an OpenAPI 3.0 or 3.1 document (found swagger: 2.0; convert it to OpenAPI 3 first)',
    )
  })

  test('dangling $ref -> input error at the $ref', async () => {
    const file = write(
      'dangling.yaml',
      "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Nope'}\n",
    )
    expect(await failure(file)).toBe(
      '<dir>/dangling.yaml at /paths/~1a/get/responses/200/$ref: $ref does not resolve: #/components/responses/Nope',
    )
  })

  test('schema nested 600 levels deep -> input error naming the limit, not a stack overflow later', async () => {
    let schema: unknown = { type: 'string' }
    for (let i = 0; i < 300; i++) schema = { type: 'object', properties: { n: schema } }
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { S: schema } },
    }
    expect(await failure(write('deep.json', JSON.stringify(doc)))).toMatch(
      /^<dir>\/deep\.json at \/components\/schemas\/S\/properties\/n\/.*: the document nests deeper than 512 levels$/,
    )
  })

  test('parseOpenApi on text -> 3.1 document', () => {
    expect(parseOpenApi('{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}', 'x.json').version).toBe(
      '3.1',
    )
  })
})
