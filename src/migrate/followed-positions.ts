import type { Instruction, JsonSchema } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import { refName } from './schema-walk.ts'

/** Keywords whose subschemas the migration engine does not follow (values under them are not migrated). */
const UNFOLLOWED = new Set([
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
])

const _refsIn = (node: unknown, out: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const x of node) _refsIn(x, out)
  else if (typeof node === 'object' && node !== null) {
    const name = refName(node)
    if (name !== undefined) out.add(name)
    for (const v of Object.values(node)) _refsIn(v, out)
  }
  return out
}

/**
 * Refuses, at start-up, a route where a schema some change touches (directly, or through a named
 * schema that holds it) sits under a keyword the engine does not follow: its values would reach
 * old clients unmigrated.
 *
 * @example
 * checkFollowedPositions('GET /assets', named, instructions)
 */
export function checkFollowedPositions(
  route: string,
  named: ReadonlyMap<string, JsonSchema>,
  instructions: readonly Instruction[],
): void {
  const touched = new Set<string>()
  for (const i of instructions) if ('schema' in i) touched.add(i.schema)
  const refs = new Map([...named].map(([name, shape]) => [name, _refsIn(shape, new Set())]))
  for (let grew = true; grew; ) {
    grew = false
    for (const [name, reached] of refs) {
      if (!touched.has(name) && [...reached].some((r) => touched.has(r))) {
        touched.add(name)
        grew = true
      }
    }
  }
  if (touched.size === 0) return
  const visit = (node: unknown, pointer: string, owner: string): void => {
    if (Array.isArray(node)) {
      for (const [i, x] of node.entries()) visit(x, `${pointer}/${i}`, owner)
      return
    }
    if (typeof node !== 'object' || node === null) return
    for (const [key, value] of Object.entries(node as JsonSchema)) {
      const at = `${pointer}/${key}`
      const hit = UNFOLLOWED.has(key) ? [..._refsIn(value, new Set())].find((r) => touched.has(r)) : undefined
      if (hit !== undefined) {
        throw new StrataError(
          'STRATA_ERR_CHANGE_UNFOLLOWED_POSITION',
          `Route ${route}: the schema '${hit}', which the ledger changes, sits under \`${key}\` at ${owner}#${at}; Strata does not migrate values there, so old clients would get head's shape. Move it to a position the engine follows (properties, items, prefixItems, additionalProperties, patternProperties, allOf, anyOf, oneOf) or drop the keyword.`,
        )
      }
      visit(value, at, owner)
    }
  }
  for (const [name, shape] of named) visit(shape, '', name)
}
