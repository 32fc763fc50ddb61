/** Named head schemas from zod 4, TypeBox or JSON Schema. */
export {
  defineSchema,
  type NamedSchema,
  type SchemaShape,
  schemaByName,
  schemaNameOf,
  toJsonSchema,
} from './named-schema.ts'
