import { HttpProblem } from '../conventions/error/index.ts'

interface _Frame {
  readonly object: boolean
  /** Keys seen so far (objects only). */
  readonly keys: Set<string> | undefined
  items: number
  expectKey: boolean
}

const _tooLarge = (message: string): HttpProblem =>
  new HttpProblem({
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message,
    suggestion: 'Send a flatter body, or split the items over several requests',
  })

/**
 * Scans JSON text once, without recursion, before it is parsed: a 413 when arrays or objects nest
 * deeper than `maxDepth` or an array holds more than `maxArrayLength` items, a 400 when an object
 * names one key twice (parsers disagree on which value wins). Malformed text is left to the parser.
 *
 * @example
 * checkJsonShape('{"a":[1,2]}', { maxJsonDepth: 64, maxJsonArrayLength: 10_000 })
 */
export function checkJsonShape(
  text: string,
  limits: { readonly maxJsonDepth: number; readonly maxJsonArrayLength: number },
): void {
  const stack: _Frame[] = []
  let top: _Frame | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // whitespace
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    if (top !== undefined && !top.object && top.items === 0 && c !== 0x5d) top.items = 1
    if (c === 0x22) {
      const start = i
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i)
        if (s === 0x5c) i++
        else if (s === 0x22) break
      }
      if (top?.object === true && top.expectKey) {
        top.expectKey = false
        const raw = text.slice(start, i + 1)
        let key: string
        try {
          key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1)
        } catch {
          return
        }
        if (top.keys!.has(key)) {
          throw new HttpProblem({
            status: 400,
            code: 'INVALID_REQUEST',
            message: `The request body names the key "${key.slice(0, 40)}" twice in one object`,
            suggestion: 'Send each key once per object',
          })
        }
        top.keys!.add(key)
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length >= limits.maxJsonDepth) {
        throw _tooLarge(`The request body nests arrays and objects deeper than ${limits.maxJsonDepth} levels`)
      }
      top = { object: c === 0x7b, keys: c === 0x7b ? new Set() : undefined, items: 0, expectKey: c === 0x7b }
      stack.push(top)
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      top = stack[stack.length - 1]
    } else if (c === 0x2c && top !== undefined) {
      if (top.object) top.expectKey = true
      else if (++top.items > limits.maxJsonArrayLength) {
        throw _tooLarge(`The request body holds an array of more than ${limits.maxJsonArrayLength} items`)
      }
    }
  }
}
