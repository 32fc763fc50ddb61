import type { JsonSchema } from '../../change/index.ts'

const LINE_WIDTH = 120

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object'

function _write(value: unknown, indent: string, prefix: number): string {
  if (isScalar(value)) return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    // A list of scalars stays on one line when it fits, as Biome and Prettier format JSON.
    if (value.every(isScalar)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`
      if (prefix + flat.length + 1 <= LINE_WIDTH) return flat
    }
    const items = value.map((v) => `${inner}${_write(v, inner, inner.length)}`)
    return `[\n${items.join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  const lines = entries.map(([k, v]) => {
    const key = `${inner}${JSON.stringify(k)}: `
    return `${key}${_write(v, inner, key.length)}`
  })
  return `{\n${lines.join(',\n')}\n${indent}}`
}

/**
 * Serializes a contract for committing: two-space JSON with a trailing newline, short lists of
 * scalars on one line (as the repository's formatter writes JSON). Generation builds keys in a
 * fixed order (paths and components sorted), so equal contracts give equal bytes.
 *
 * @example
 * await writeFile('contracts/api/20240601.json', stringifyContract(contract.document))
 */
export function stringifyContract(document: JsonSchema): string {
  return `${_write(document, '', 0)}\n`
}
