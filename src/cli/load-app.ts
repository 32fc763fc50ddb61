import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { register } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isStrataError } from '../error/index.ts'
import type { ContractSource } from '../openapi/index.ts'
import { CliUserError } from './user-error.ts'

/**
 * What an app module exports: the convention every example's `main.ts` follows. `createServer` returns
 * the app of any adapter: a Fastify instance with `strata` registered, a `strataHono` / `strataExpress` /
 * `strataListener` binding, or any object whose `runtime` is a Strata runtime; `ready()` and `close()`
 * are called when present.
 */
export interface AppModule {
  createServer(options: { dataDir: string; clock?: () => Date; logger?: boolean }): Promise<unknown>
}

// The app must import `strata` as the very modules the CLI runs (schema names live in a module-level
// registry). Run from its TypeScript sources (through tsx), the CLI makes `strata` resolve to those
// sources too; run compiled (from dist/), `strata` already resolves to dist/ as for any consumer, and
// tsx is registered only to compile the app itself.
const runsFromSource = import.meta.url.endsWith('.ts')
const sourceConditions = `export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('strata-source') ? context.conditions : [...context.conditions, 'strata-source']
  return next(specifier, { ...context, conditions })
}`
let registered = false

/** Lets the CLI import a user module: Strata's sources resolved as the CLI's own, TypeScript through tsx. */
export async function registerLoader(file: string, flag = '--app'): Promise<void> {
  if (registered) return
  if (runsFromSource) register(`data:text/javascript,${encodeURIComponent(sourceConditions)}`)
  else if (/\.[cm]?tsx?$/.test(file)) {
    // tsx is an optional peer dependency: only a TypeScript app module needs it.
    let tsx: { register(): unknown }
    try {
      tsx = await import('tsx/esm/api')
    } catch {
      throw new CliUserError(
        `${flag} ${file}: loading a TypeScript module needs tsx; install it (npm install -D tsx) or point ${flag} at compiled JavaScript.`,
      )
    }
    tsx.register()
  }
  registered = true
}

/** An app module started by the CLI, with its contract source; `close()` stops it. */
export interface StartedApp {
  /** The app `createServer` returned, ready. */
  readonly app: object
  readonly source: ContractSource
  close(): Promise<void>
}

/**
 * Imports an app module (TypeScript through tsx), calls its exported `createServer({ dataDir })`
 * with a clock pinned at `now`, waits for `ready()` and reads its contract source, without listening.
 *
 * @example
 * const app = await startAppModule('examples/control-plane/main.ts', { dataDir: 'data/control-plane', now: new Date() })
 */
export async function startAppModule(file: string, options: { dataDir: string; now: Date }): Promise<StartedApp> {
  const path = resolve(file)
  if (!existsSync(path)) throw new CliUserError(`--app ${file}: file not found.`)
  await registerLoader(path)
  let mod: Partial<AppModule>
  try {
    mod = (await import(pathToFileURL(path).href)) as Partial<AppModule>
  } catch (error) {
    throw new CliUserError(`--app ${file}: the module failed to load: ${(error as Error).message.split('\n')[0]}`)
  }
  if (typeof mod.createServer !== 'function') {
    throw new CliUserError(
      `--app ${file}: the module exports no createServer function; export \`async function createServer({ dataDir })\` that returns your app (a Fastify instance with strata registered, or an object with the adapter's \`runtime\`).`,
    )
  }
  let app: { ready?(): Promise<unknown>; close?(): Promise<unknown> } | undefined
  try {
    app = (await mod.createServer({ dataDir: options.dataDir, clock: () => options.now, logger: false })) as typeof app
    await app?.ready?.()
    // Imported here: the runtime loads only for the commands that start an app, not for `diff`.
    const { contractSourceOf } = await import('../runtime/route-registry.ts')
    const source = contractSourceOf(app as never)
    return { app: app as object, source, close: async () => void (await app?.close?.()) }
  } catch (error) {
    await app?.close?.()
    if (isStrataError(error)) throw new CliUserError(`--app ${file}: ${error.message}`)
    throw error
  }
}

/**
 * Starts an app module the way `examples/run.ts` does, without listening, with a throw-away data
 * folder and a clock pinned at `now`, reads its contract source and closes it.
 *
 * @example
 * const source = await loadAppContractSource('examples/calendar/main.ts', new Date())
 */
export async function loadAppContractSource(file: string, now: Date): Promise<ContractSource> {
  const dataDir = mkdtempSync(join(tmpdir(), 'strata-contracts-'))
  try {
    const app = await startAppModule(file, { dataDir, now })
    await app.close()
    return app.source
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Starts an app module without listening (as `loadAppContractSource` does) and returns what `read`
 * takes from the started app, before closing it.
 *
 * @example
 * const schemas = await loadApp('examples/calendar-hono/main.ts', new Date(), (app) => requireRegistryOf(app))
 */
export async function loadApp<T>(file: string, now: Date, read: (app: object) => T): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'strata-app-'))
  try {
    const started = await startAppModule(file, { dataDir, now })
    try {
      return read(started.app)
    } catch (error) {
      if (isStrataError(error)) throw new CliUserError(`--app ${file}: ${error.message}`)
      throw error
    } finally {
      await started.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
