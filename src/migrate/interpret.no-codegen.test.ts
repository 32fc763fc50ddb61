import { expect, test } from 'vitest'
import { codeGeneration } from './codegen.ts'

// This project runs every src/migrate test with `--disallow-code-generation-from-strings`; this file
// proves the flag is in force there, so those runs exercise the interpreted plans, not the generated ones.
test('no-codegen project: new Function is refused -> the engine detects it and interprets its plans', () => {
  expect(() => new Function('return 1')).toThrow(EvalError)
  expect(codeGeneration()).toBe(false)
})
