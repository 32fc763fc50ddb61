import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pkg from '../../package.json' with { type: 'json' }
import {
  type ConformanceOptions,
  checkExchange,
  loadContracts,
  type RecordedExchange,
} from '../helpers/contract-conformance.ts'
import { type RecordingProxy, startRecordingProxy } from '../helpers/recording-proxy.ts'

// The command of `npm run example`, run without npm in between so signals and exit codes are the example's own.
const [command, ...args] = pkg.scripts.example.split(' ') as [string, ...string[]]

/** Where each example's committed contracts are, and what they cannot say about its wire. */
// The portal (`/docs`) and usage's metrics (`/metrics`) are served outside versioning in every example.
const pages = /^\/(docs|metrics)(\/|$)/
const conformance: Readonly<Record<string, { dir: string } & ConformanceOptions>> = {
  calendar: { dir: 'examples/calendar/contracts', unversioned: /^\/(api\/playground|docs|metrics)(\/|$)/ },
  'per-endpoint': {
    dir: 'examples/per-endpoint/contracts',
    rewrite: (path) => path.replace(/^\/api\/v7\.\d+(?=\/)/, '/api'),
    unversioned: pages,
  },
  'control-plane': { dir: 'examples/control-plane/contracts', unversioned: pages },
}
const contractsOf = (name: string) => conformance[name.startsWith('calendar') ? 'calendar' : name]

export interface RunningExample {
  /** The base URL clients use: a recording proxy in front of the example. */
  readonly url: string
  readonly dataDir: string
  readonly output: () => string
  /** Every exchange made through `url` so far, as the client received it. */
  readonly exchanges: readonly RecordedExchange[]
  /** Every exchange so far that does not match the example's committed contract of its version. */
  drifts(): string[]
  /**
   * Sends SIGTERM and resolves with the exit code; rejects when any response the suite received
   * drifted from the committed contracts, so the suite fails the day runtime and contract differ.
   */
  /** The example's own process id (node, not npm). */
  readonly pid: number
  stop(): Promise<number | null>
  /** Sends a signal and resolves with the exit code, or the signal's name when it killed the process. */
  kill(signal: NodeJS.Signals): Promise<number | string | null>
}

/**
 * Starts an example with the command of `npm run example -- <name>`, on a free port (PORT=0), and
 * resolves once it prints `listening on http://127.0.0.1:<port>`.
 */
export async function startExample(
  name: string,
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), `strata-${name}-`)),
): Promise<RunningExample> {
  const child: ChildProcess = spawn(command, [...args, name], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  })
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  const ended = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  )
  const exited = ended.then((end) => (typeof end === 'number' ? end : null))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example ${name} did not start in 50 s:\n${out}`)), 50_000)
    const check = (): void => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout?.on('data', check)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`example ${name} exited with ${code} before listening:\n${out}`))
    })
  })
  const contracts = contractsOf(name)
  const loaded = contracts === undefined ? [] : loadContracts(contracts.dir)
  const proxy: RecordingProxy = await startRecordingProxy(url)
  const drifts = () => proxy.exchanges.flatMap((exchange) => checkExchange(loaded, exchange, contracts))
  return {
    url: proxy.url,
    dataDir,
    output: () => out,
    exchanges: proxy.exchanges,
    drifts,
    pid: child.pid ?? 0,
    async stop() {
      await proxy.close()
      child.kill('SIGTERM')
      const code = await exited
      const found = drifts()
      if (found.length > 0) {
        throw new Error(
          `${found.length} responses of ${name} drifted from its committed contracts:\n${found.slice(0, 20).join('\n')}`,
        )
      }
      return code
    },
    async kill(signal) {
      child.kill(signal)
      return ended
    },
  }
}
