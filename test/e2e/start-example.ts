import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pkg from '../../package.json' with { type: 'json' }

// The command of `npm run example`, run without npm in between so signals and exit codes are the example's own.
const [command, ...args] = pkg.scripts.example.split(' ') as [string, ...string[]]

export interface RunningExample {
  readonly url: string
  readonly dataDir: string
  readonly output: () => string
  /** The example's own process id (node, not npm). */
  readonly pid: number
  /** Sends SIGTERM and resolves with the exit code. */
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
    const timer = setTimeout(() => reject(new Error(`example ${name} did not start in 30 s:\n${out}`)), 30_000)
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
  return {
    url,
    dataDir,
    output: () => out,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM')
      return exited
    },
    async kill(signal) {
      child.kill(signal)
      return ended
    },
  }
}
