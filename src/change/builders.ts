import type { NamedSchema } from '../schema/index.ts'
import type {
  EndpointMigration,
  Instruction,
  JsonSchema,
  ProblemParts,
  SchemaMigration,
  ValueConverter,
} from './instruction.ts'

/** Instructions about one field of a schema, as of the version that introduces the change. */
export interface FieldInstructions {
  /** The field is new in this version; older versions never had it. `default` fills it for old requests. */
  added(options?: { default?: unknown }): Instruction
  /** The field was removed in this version; older versions still see it (filled from `default`). */
  removed(options: { was: JsonSchema; required?: boolean; default?: unknown }): Instruction
  /** The field was renamed in this version; older versions call it `from`. */
  renamedFrom(from: string): Instruction
  /** The field's type changed; older versions had `was`, converted by `down` and `up`. */
  typeChanged(options: { was: JsonSchema; down: ValueConverter; up: ValueConverter }): Instruction
  /** Requests must now send the field; older requests without it get `default`. */
  madeRequired(options: { default: unknown }): Instruction
  /** Responses may now omit the field; older clients always get it, `default` when absent. */
  madeOptional(options: { default: unknown }): Instruction
  /** The default used when requests omit the field changed; older requests keep the old one. */
  defaultChanged(options: { from: unknown }): Instruction
  /** A value was added to the field's enum; older clients see `fallback` instead. */
  enumValueAdded(value: unknown, options: { fallback: unknown }): Instruction
  /** A value was removed from the field's enum; older requests sending it get `mapTo`. */
  enumValueRemoved(value: unknown, options: { mapTo: unknown }): Instruction
}

/** Instructions about one named schema. */
export interface SchemaInstructions<T> {
  field(path: string): FieldInstructions
  /**
   * A custom migration where data cannot be derived (e.g. one field split into two).
   * `request` turns an object of the older version into this version's shape; `response` the
   * reverse. Both run before the declarative instructions of the same change.
   */
  migrate<Old = unknown, New = T>(migration: {
    request?: (body: Old) => New
    response?: (body: New) => Old
  }): Instruction
}

/**
 * Starts instructions about a named head schema; they apply wherever the schema appears.
 *
 * @example
 * schema(Asset).field('title').renamedFrom('name')
 */
export function schema<T>(target: NamedSchema<T> | string): SchemaInstructions<T> {
  const name = typeof target === 'string' ? target : target.name
  return {
    field(path) {
      const at = { schema: name, path }
      const opt = (value: unknown, has: boolean) => (has ? { default: { value } } : {})
      return {
        added: (o = {}) => ({ kind: 'field-added', ...at, ...opt(o.default, 'default' in o) }),
        removed: (o) => ({
          kind: 'field-removed',
          ...at,
          was: o.was,
          required: o.required ?? false,
          ...opt(o.default, 'default' in o),
        }),
        renamedFrom: (from) => ({ kind: 'field-renamed', ...at, from }),
        typeChanged: (o) => ({ kind: 'field-type-changed', ...at, was: o.was, down: o.down, up: o.up }),
        madeRequired: (o) => ({ kind: 'field-made-required', ...at, default: { value: o.default } }),
        madeOptional: (o) => ({ kind: 'field-made-optional', ...at, default: { value: o.default } }),
        defaultChanged: (o) => ({ kind: 'field-default-changed', ...at, from: o.from }),
        enumValueAdded: (value, o) => ({ kind: 'enum-value-added', ...at, value, fallback: o.fallback }),
        enumValueRemoved: (value, o) => ({ kind: 'enum-value-removed', ...at, value, mapTo: o.mapTo }),
      }
    },
    migrate(migration) {
      return { kind: 'schema-migration', schema: name, migration: migration as SchemaMigration }
    },
  }
}

/** Instructions about one endpoint, named by its head method and path. */
export interface EndpointInstructions {
  /** The endpoint is new in this version; older versions answer 404. */
  added(): Instruction
  /** The endpoint was removed in this version; this and newer versions answer 404. */
  removed(): Instruction
  /** The endpoint moved in this version; older versions still reach it at `from`. */
  renamedFrom(from: { method?: string; path?: string }): Instruction
  /** The success status changed in this version; older versions get `from`. */
  statusChanged(options: { status: number; from: number }): Instruction
  /** A query parameter of this endpoint. */
  param(name: string): Pick<FieldInstructions, 'added' | 'removed' | 'renamedFrom' | 'defaultChanged'>
  /** Custom migrations of this endpoint's requests, responses and errors. */
  migrate(migration: EndpointMigration): Instruction
}

/** The pseudo-schema name under which an endpoint's query parameters are migrated. */
export const querySchemaName = (method: string, path: string): string => `${method.toUpperCase()} ${path} ?query`

/**
 * Starts instructions about an endpoint.
 *
 * @example
 * endpoint('POST', '/assets').statusChanged({ status: 201, from: 200 })
 */
export function endpoint(method: string, path: string): EndpointInstructions {
  const at = { method: method.toUpperCase(), path }
  return {
    added: () => ({ kind: 'endpoint-added', ...at }),
    removed: () => ({ kind: 'endpoint-removed', ...at }),
    renamedFrom: (from) => ({
      kind: 'endpoint-renamed',
      ...at,
      from: { method: (from.method ?? at.method).toUpperCase(), path: from.path ?? at.path },
    }),
    statusChanged: (o) => ({ kind: 'status-changed', ...at, status: o.status, from: o.from }),
    param: (name) => schema(querySchemaName(at.method, at.path)).field(name),
    migrate: (migration) => ({ kind: 'endpoint-migration', ...at, migration }),
  }
}

/**
 * A change to the error format of every endpoint: `migrate` rewrites a problem for older versions.
 *
 * @example
 * errors((problem) => { problem.message = `${problem.code}: ${problem.message}` })
 */
export function errors(migrate: (problem: ProblemParts) => void): Instruction {
  return { kind: 'error-migration', migrate }
}
