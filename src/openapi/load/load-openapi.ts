import { readFile } from 'node:fs/promises'
import { OpenApiInputError } from './input-error.ts'
import { type LoadOptions, type OpenApiDocument, toOpenApiDocument } from './openapi-document.ts'
import { parseSource } from './parse-source.ts'

/**
 * Reads an OpenAPI 3.0/3.1 document from a JSON or YAML file, following relative `$ref`s to other
 * files. Throws an {@link OpenApiInputError} naming the file and location when it cannot, or when a
 * fault leaves the comparison undefined; lesser faults against the OpenAPI schema are `warnings`.
 *
 * @example
 * const doc = await loadOpenApi('contracts/v1.yaml')
 */
export async function loadOpenApi(file: string, options: LoadOptions = {}): Promise<OpenApiDocument> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'
    throw new OpenApiInputError(reason, { file })
  }
  return toOpenApiDocument(parseSource(text, file), file, options)
}

/**
 * Reads an OpenAPI document from text already in memory (JSON or YAML).
 *
 * @example
 * const doc = parseOpenApi('openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}', 'inline.yaml')
 */
export function parseOpenApi(text: string, file: string, options: LoadOptions = {}): OpenApiDocument {
  return toOpenApiDocument(parseSource(text, file), file, options)
}
