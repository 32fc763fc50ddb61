import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { loadOpenApi, OpenApiInputError } from '../load/index.ts'
import type { VersionContract } from './generate-client-types.ts'

/**
 * Reads every contract under a folder (`<scope>/<version>.json|yaml|yml`, as `strata contracts`
 * writes them), oldest key first. The key is the file's name without extension when there is one
 * scope folder, else `<scope>/<version>`. An empty or missing folder is an input error.
 *
 * @example
 * const contracts = await readContracts('examples/calendar/contracts') // keys 20230101, 20230201, ...
 */
export async function readContracts(dir: string): Promise<VersionContract[]> {
  let entries: string[]
  try {
    entries = (await readdir(dir, { recursive: true })).map(String)
  } catch {
    throw new OpenApiInputError('contracts folder not found or not readable', { file: dir })
  }
  const files = entries.filter((name) => /\.(json|ya?ml)$/.test(name)).sort()
  if (files.length === 0)
    throw new OpenApiInputError('no contracts (*.json, *.yaml) in this folder; run `strata contracts` first', {
      file: dir,
    })
  const scopes = new Set(files.map((name) => name.split(sep).slice(0, -1).join('/')))
  const contracts: VersionContract[] = []
  for (const name of files) {
    const document = await loadOpenApi(join(dir, name))
    const path = relative('.', name)
      .split(sep)
      .join('/')
      .replace(/\.(json|ya?ml)$/, '')
    contracts.push({ key: scopes.size === 1 ? (path.split('/').pop() ?? path) : path, root: document.root })
  }
  return contracts
}
