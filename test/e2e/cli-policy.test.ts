import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { strata } from '../helpers/strata-cli.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'strata-cli-policy-'))

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited member by member
type Json = Record<string, any>

/** `GET /things` answering `{ id, note (nullable), name }` and a JSON error body on 400. */
function doc(edit: (responses: Json) => void = () => {}) {
  const responses: Json = {
    '200': {
      description: 'ok',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['id', 'note'],
            properties: {
              id: { type: 'string' },
              note: { type: ['string', 'null'] },
              name: { type: 'string', maxLength: 80 },
            },
          },
        },
      },
    },
    '400': {
      description: 'bad request',
      content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } },
    },
  }
  edit(responses)
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/things': { get: { responses } } } }
}
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}
const before = write('before.json', doc())
const nullOmitted = write(
  'null-omitted.json',
  doc((r) => {
    r['200'].content['application/json'].schema.required = ['id']
  }),
)
const errorFormat = write(
  'error-format.json',
  doc((r) => {
    r['400'].content = { 'application/problem+json': { schema: { type: 'object' } } }
  }),
)
const renamed = write(
  'renamed.json',
  doc((r) => {
    const props = r['200'].content['application/json'].schema.properties
    props.title = props.name
    delete props.name
  }),
)
const added = write(
  'added.json',
  doc((r) => {
    r['200'].content['application/json'].schema.properties.createdAt = { type: 'string' }
  }),
)

const rulesOf = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { rule: string; severity: string }[] }).findings.map((f) => [f.rule, f.severity])

describe('strata diff --policy (as a process)', () => {
  test('--policy strict: a nullable response property left out -> exit 1', async () => {
    const { code, stdout } = await strata('diff', before, nullOmitted, '--policy', 'strict', '--format', 'json')
    expect(code).toBe(1)
    expect(rulesOf(stdout)).toEqual([['response-nullable-property-became-optional', 'breaking']])
  })

  test('--policy confluent: a nullable response property left out -> exit 0, reported as info', async () => {
    const { code, stdout } = await strata('diff', before, nullOmitted, '--policy', 'confluent', '--format', 'json')
    expect(code).toBe(0)
    expect(rulesOf(stdout)).toEqual([['response-nullable-property-became-optional', 'info']])
  })

  test('--policy cognite: the error body changes format -> exit 1; under strict -> exit 0', async () => {
    const cognite = await strata('diff', before, errorFormat, '--policy', 'cognite', '--format', 'json')
    expect(cognite.code).toBe(1)
    expect(rulesOf(cognite.stdout)).toContainEqual(['error-response-body-removed', 'breaking'])
    expect((await strata('diff', before, errorFormat, '--policy', 'strict')).code).toBe(0)
  })

  test('--policy ip-fabric: a response field renamed -> exit 1; an attribute added -> exit 0', async () => {
    const rename = await strata('diff', before, renamed, '--policy', 'ip-fabric')
    expect(rename.code).toBe(1)
    expect(rename.stdout).toContain('response-property-renamed')
    expect((await strata('diff', before, added, '--policy', 'ip-fabric')).code).toBe(0)
  })

  test('--policy with an unknown name -> exit 2 naming the presets', async () => {
    const { code, stderr } = await strata('diff', before, added, '--policy', 'lenient')
    expect(code).toBe(2)
    expect(stderr).toContain('strict, cognite, ip-fabric, confluent')
  })
})

describe('strata diff on faulty documents (as a process)', () => {
  test('a path parameter not marked required -> exit 2 naming the file and the pointer, no stack', async () => {
    const bad = write('bad-param.json', {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things/{id}': {
          get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }], responses: {} },
        },
      },
    })
    const { code, stdout, stderr } = await strata('diff', before, bad)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `strata diff: ${bad} at /paths/~1things~1{id}/get/parameters/0: path parameter "id" must be marked required: true; the comparison would be undefined\n`,
    )
  })

  test('a response without description -> a warning on stderr, the comparison goes on (exit 1 for the removal)', async () => {
    const untidy = doc((r) => {
      delete r['200'].description
      delete r['200'].content['application/json'].schema.properties.id
    })
    const file = write('untidy.json', untidy)
    const { code, stdout, stderr } = await strata('diff', before, file)
    expect(code).toBe(1)
    expect(stdout).toContain('response-property-removed')
    expect(stderr).toBe(
      `strata diff: warning: ${file} at /paths/~1things/get/responses/200: must have required property 'description'\n`,
    )
  })
})
