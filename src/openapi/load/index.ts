/** Loading OpenAPI documents from JSON or YAML files, with relative `$ref`s made local. */
export { isOpenApiInputError, OpenApiInputError, type OpenApiInputLocation } from './input-error.ts'
export { getByPointer, isJsonObject, type JsonObject, parsePointer, toPointer } from './json-pointer.ts'
export { loadOpenApi, parseOpenApi } from './load-openapi.ts'
export { type LoadOptions, type OpenApiDocument, type OpenApiVersion, toOpenApiDocument } from './openapi-document.ts'
export type { OpenApiWarning } from './schema-warnings.ts'
