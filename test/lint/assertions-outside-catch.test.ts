import ts from 'typescript'
import { expect, test } from 'vitest'
import { parse, sourceFiles, walk, where } from './source-files.ts'

// An `expect` that runs only inside a `catch` passes when nothing throws; `toThrow` / `rejects` fail instead.
function assertionsInCatch(file: string): string[] {
  const source = parse(file)
  const found: string[] = []
  walk(source, (node) => {
    if (!ts.isCatchClause(node)) return
    walk(node.block, (inner) => {
      if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'expect') {
        found.push(where(source, inner))
      }
    })
  })
  return found
}

test('test files: an expect() inside a catch block -> none (use toThrow / rejects)', () => {
  const files = sourceFiles(['src', 'test', 'examples', 'bench'], (f) => f.endsWith('.test.ts'))
  expect(files.length).toBeGreaterThan(50)
  expect(files.flatMap(assertionsInCatch)).toEqual([])
})

test('the check itself: an assertion only in a catch -> found', () => {
  expect(assertionsInCatch('test/lint/fixtures/assertion-in-catch.ts')).toEqual([
    'test/lint/fixtures/assertion-in-catch.ts:8',
  ])
})
