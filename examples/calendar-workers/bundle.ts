import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles the Workers example into `<dir>/worker.js` and writes a workerd config serving it on `port`
 * (`<dir>/config.capnp`, run with `workerd serve <dir>/config.capnp`). Node built-ins come from workerd's
 * `nodejs_compat`.
 */
export async function bundleWorker(dir: string, port: number): Promise<string> {
  mkdirSync(dir, { recursive: true })
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'strata-source'],
    external: ['node:*'],
    outfile: join(dir, 'worker.js'),
    logLevel: 'error',
  })
  const config = join(dir, 'config.capnp')
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2024-09-23",
  compatibilityFlags = ["nodejs_compat"],
);
`,
  )
  return config
}
