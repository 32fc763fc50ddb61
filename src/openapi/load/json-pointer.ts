/** A JSON object as parsed from JSON or YAML. */
export type JsonObject = { [key: string]: unknown }

/**
 * Tells whether a value is a plain JSON object (not an array, not null).
 *
 * @example
 * isJsonObject({ a: 1 }) // true
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Escapes one key as a JSON pointer token (RFC 6901).
 *
 * @example
 * escapePointerToken('/pets/{id}') // '~1pets~1{id}'
 */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

/**
 * Builds a JSON pointer from keys.
 *
 * @example
 * toPointer(['paths', '/pets', 'get']) // '/paths/~1pets/get'
 */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = ''
  for (const token of tokens) out += `/${escapePointerToken(String(token))}`
  return out
}

/**
 * Splits a JSON pointer (with or without a leading `#`, percent-encoded or not) into keys.
 *
 * @example
 * parsePointer('#/components/schemas/Pet') // ['components', 'schemas', 'Pet']
 */
export function parsePointer(pointer: string): string[] {
  let text = pointer.startsWith('#') ? pointer.slice(1) : pointer
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text)
    } catch {
      // Keep the raw text: a lone '%' is a legal character in a key.
    }
  }
  if (text === '' || text === '/') return text === '/' ? [''] : []
  return text
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/**
 * Reads the value a JSON pointer designates, or `undefined` when there is none.
 *
 * @example
 * getByPointer({ a: [{ b: 1 }] }, '/a/0/b') // 1
 */
export function getByPointer(root: unknown, pointer: string): unknown {
  let node = root
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)]
    else if (isJsonObject(node)) node = Object.hasOwn(node, token) ? node[token] : undefined
    else return undefined
  }
  return node
}
