import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked by key
type Doc = any

/** One committed contract: its scope folder, the version label and the document. */
export interface LoadedContract {
  readonly scope: string
  readonly label: string
  readonly document: Doc
}

/** One exchange as a client saw it on the wire. */
export interface RecordedExchange {
  readonly method: string
  /** The path and query string as sent. */
  readonly url: string
  readonly status: number
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** The raw body text ('' for none). */
  readonly body: string
}

/** What an example's contracts cannot say about its wire, per example. */
export interface ConformanceOptions {
  /** Paths served unversioned (a playground): no contract covers them. */
  readonly unversioned?: RegExp
  /** Legacy path forms mapped to the current path before lookup (IP Fabric's `/api/v7.5/...`). */
  readonly rewrite?: (path: string) => string
}

/**
 * Reads every committed contract of an example (`<dir>/<scope>/<label>.json`).
 *
 * @example
 * const contracts = loadContracts('examples/calendar/contracts')
 */
export function loadContracts(dir: string): LoadedContract[] {
  const out: LoadedContract[] = []
  for (const scope of readdirSync(dir).sort()) {
    if (!statSync(join(dir, scope)).isDirectory()) continue
    for (const file of readdirSync(join(dir, scope)).sort()) {
      if (!file.endsWith('.json')) continue
      const document = JSON.parse(readFileSync(join(dir, scope, file), 'utf8'))
      out.push({ scope, label: file.slice(0, -'.json'.length), document })
    }
  }
  return out
}

const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true })
// ajv-formats is CommonJS: under NodeNext types its default export is the module object; at run time either.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (a: Ajv2020) => void
addFormats(ajv)
const compiled = new WeakMap<object, Map<string, ValidateFunction>>()

/** A validator of one schema inside a contract; its `#/components/...` references resolve in that contract. */
function _validator(contract: LoadedContract, key: string, schema: Doc): ValidateFunction {
  let byKey = compiled.get(contract.document)
  if (byKey === undefined) {
    byKey = new Map()
    compiled.set(contract.document, byKey)
  }
  let found = byKey.get(key)
  if (found === undefined) {
    found = ajv.compile({ ...schema, components: contract.document.components })
    byKey.set(key, found)
  }
  return found
}

const _resolve = (doc: Doc, value: Doc): Doc => {
  let out = value
  while (out !== undefined && typeof out.$ref === 'string' && out.$ref.startsWith('#/')) {
    out = out.$ref
      .slice(2)
      .split('/')
      .map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Doc, part: string) => node?.[part], doc)
  }
  return out
}

const _escape = (text: string): string => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')
const _templateMatches = (template: string, path: string): boolean =>
  new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(_escape)
      .join('[^/]+')}$`,
  ).test(path)

function _operation(contract: LoadedContract, method: string, path: string): Doc | undefined {
  const verb = method === 'HEAD' ? 'get' : method.toLowerCase()
  for (const [template, item] of Object.entries(contract.document.paths ?? {}) as [string, Doc][]) {
    if (item[verb] !== undefined && _templateMatches(template, path)) return item[verb]
  }
  return undefined
}

function _declaredResponse(operation: Doc, status: number): Doc | undefined {
  const responses = operation.responses ?? {}
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
}

const _one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

/** The drifts of one exchange against one contract's response (empty when it conforms). */
function _checkResponse(
  contract: LoadedContract,
  declared: Doc | undefined,
  exchange: RecordedExchange,
  where: string,
): string[] {
  const name = `${contract.scope}/${contract.label}`
  if (declared === undefined) return [`${where}: status ${exchange.status} is not declared by ${name}`]
  const response = _resolve(contract.document, declared)
  const drifts: string[] = []
  for (const [header, raw] of Object.entries(response.headers ?? {}) as [string, Doc][]) {
    const spec = _resolve(contract.document, raw)
    const value = _one(exchange.headers[header.toLowerCase()])
    if (value === undefined) {
      if (spec.required === true) drifts.push(`${where}: declared header ${header} is missing (${name})`)
      continue
    }
    if (spec.schema !== undefined) {
      const check = _validator(contract, `header:${header}`, spec.schema)
      if (!check(value))
        drifts.push(`${where}: header ${header}: ${JSON.stringify(value)} ${ajv.errorsText(check.errors)} (${name})`)
    }
  }
  const content = response.content as Record<string, Doc> | undefined
  const noBody = exchange.method === 'HEAD' || exchange.status === 204 || exchange.status === 304
  if (noBody) return drifts
  if (content === undefined) {
    if (exchange.body !== '') drifts.push(`${where}: a body was sent where ${name} declares none`)
    return drifts
  }
  const type = (_one(exchange.headers['content-type']) ?? '').split(';')[0]!.trim().toLowerCase()
  const media = content[type]
  if (media === undefined) {
    return [...drifts, `${where}: content type '${type}' is not declared by ${name} (${Object.keys(content)})`]
  }
  let body: unknown
  try {
    body = JSON.parse(exchange.body)
  } catch {
    return [...drifts, `${where}: the body is not JSON: ${exchange.body.slice(0, 80)}`]
  }
  const check = _validator(contract, `body:${JSON.stringify(media.schema)}`, media.schema)
  if (!check(body)) drifts.push(`${where}: body does not match ${name}: ${ajv.errorsText(check.errors)}`)
  return drifts
}

/**
 * Checks one exchange against an example's committed contracts: the operation is found by method
 * and path, the version by the response header that names the label (or, when none does, any
 * version of that operation may match); the status must be declared, every required declared
 * header present and well-formed, and the body must match the declared schema. An exchange no
 * operation covers (404, 405, a URL that cannot be decoded) must be a declared client error.
 * Returns the drifts, empty when the exchange conforms.
 *
 * @example
 * const drifts = checkExchange(loadContracts('examples/calendar/contracts'), exchange)
 */
export function checkExchange(
  contracts: readonly LoadedContract[],
  exchange: RecordedExchange,
  options: ConformanceOptions = {},
): string[] {
  const raw = exchange.url.split('?')[0] ?? '/'
  const path = options.rewrite?.(raw) ?? raw
  const where = `${exchange.method} ${exchange.url} -> ${exchange.status}`
  if (options.unversioned?.test(raw)) return []
  const candidates = contracts
    .map((contract) => ({ contract, operation: _operation(contract, exchange.method, path) }))
    .filter((c): c is { contract: LoadedContract; operation: Doc } => c.operation !== undefined)
  if (candidates.length === 0) {
    // No operation: only a client error may answer, in the error format every contract declares.
    if (exchange.status < 400 || exchange.status >= 500) return [`${where}: no contract declares this operation`]
    const tries = contracts.map((c) =>
      _checkResponse(c, c.document.components?.responses?.ClientError, exchange, where),
    )
    return tries.some((t) => t.length === 0) ? [] : (tries[0] ?? [`${where}: no contracts`])
  }
  const values = new Set(
    Object.values(exchange.headers).flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  )
  const named = candidates.filter((c) => values.has(c.contract.label))
  const pool = named.length > 0 ? named : candidates
  const tries = pool.map(({ contract, operation }) =>
    _checkResponse(contract, _declaredResponse(operation, exchange.status), exchange, where),
  )
  return tries.some((t) => t.length === 0) ? [] : tries[0]!
}
