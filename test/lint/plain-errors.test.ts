import ts from 'typescript'
import { expect, test } from 'vitest'
import { parse, sourceFiles, walk, where } from './source-files.ts'

const plain = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'URIError', 'EvalError'])

// Configuration and programmer mistakes are StrataErrors with a catalogued code (docs/errors.md); input errors
// have their own classes (OpenApiInputError, CliUserError, the client's ClientOptionsError, ...).
function plainThrows(file: string): string[] {
  const source = parse(file)
  const found: string[] = []
  walk(source, (node) => {
    if (!ts.isThrowStatement(node)) return
    const thrown = node.expression
    if ((ts.isNewExpression(thrown) || ts.isCallExpression(thrown)) && ts.isIdentifier(thrown.expression)) {
      if (plain.has(thrown.expression.text)) found.push(`${where(source, node)} ${thrown.expression.text}`)
    }
  })
  return found
}

test('src/: a plain Error or TypeError thrown outside tests -> none (throw a StrataError with a code)', () => {
  const files = sourceFiles(['src'], (f) => !f.endsWith('.test.ts'))
  expect(files.length).toBeGreaterThan(100)
  expect(files.flatMap(plainThrows)).toEqual([])
})

test('the check itself: throw new TypeError(...) and throw Error(...) -> both found', () => {
  expect(plainThrows('test/lint/fixtures/plain-throw.ts')).toEqual([
    'test/lint/fixtures/plain-throw.ts:4 TypeError',
    'test/lint/fixtures/plain-throw.ts:5 Error',
  ])
})
