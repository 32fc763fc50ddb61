import type { Instruction } from './instruction.ts'

/** One breaking change: what changed between a version and the one before it, and why. */
export interface Change {
  /** Says what broke, e.g. `renameAssetNameToTitle`. Unique across the ledger. */
  readonly name: string
  /** Changelog prose for customers. */
  readonly description: string
  readonly instructions: readonly Instruction[]
  /** A change of behaviour, not shape: handlers ask `req.strata.has(change)`. */
  readonly sideEffect: boolean
}

export interface ChangeInput {
  readonly name: string
  readonly description: string
  readonly instructions?: readonly (Instruction | readonly Instruction[])[]
  readonly sideEffect?: boolean
}

/**
 * Declares one breaking change. Attach it to the version that introduces it
 * (`{ id: '2024-06-01', changes: [renameAssetNameToTitle] }`); Strata derives the request and
 * response migrations of every older version from its instructions.
 *
 * @example
 * export const renameAssetNameToTitle = defineChange({
 *   name: 'renameAssetNameToTitle',
 *   description: 'Asset `name` is renamed to `title`.',
 *   instructions: [schema('Asset').field('title').renamedFrom('name')],
 * })
 */
export function defineChange(input: ChangeInput): Change {
  return {
    name: input.name,
    description: input.description,
    instructions: (input.instructions ?? []).flat() as Instruction[],
    sideEffect: input.sideEffect ?? (input.instructions ?? []).length === 0,
  }
}
