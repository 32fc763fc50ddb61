/** Declaring breaking changes. */

/** Instruction builders: schemas, endpoints, errors. */
export {
  type EndpointInstructions,
  endpoint,
  errors,
  type FieldInstructions,
  querySchemaName,
  type SchemaInstructions,
  schema,
} from './builders.ts'
export { type Change, type ChangeInput, defineChange } from './define-change.ts'
/** Instruction data types. */
export type {
  EndpointMigration,
  Instruction,
  JsonSchema,
  ProblemParts,
  RequestParts,
  ResponseParts,
  SchemaMigration,
  ValueConverter,
} from './instruction.ts'
