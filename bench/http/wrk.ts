// One wrk measurement pinned to core 1: requests/s of one case on one server.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Case } from './cases.ts'

/** Exits with a hint when wrk is missing. */
export function requireWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error('wrk is not installed: run `apt-get install -y wrk` (Debian) and try again')
      process.exit(2)
    }
  }
}

/** Requests/s of `c` on the server at `port` for `seconds`; a non-2xx answer is a broken setup, not a figure. */
export function wrk(port: number, c: Case, body: string | undefined, seconds: number): number {
  const script = join(tmpdir(), `strata-wrk-${process.pid}.lua`)
  const headers = { ...c.headers, ...(body ? { 'Content-Type': 'application/json' } : {}) }
  writeFileSync(
    script,
    `wrk.method = "${c.method}"\n${body ? `wrk.body = ${JSON.stringify(body)}\n` : ''}${Object.entries(headers)
      .map(([k, v]) => `wrk.headers["${k}"] = "${v}"`)
      .join('\n')}\n`,
  )
  const out = execFileSync('taskset', [
    '-c',
    '1',
    'wrk',
    '-t1',
    '-c32',
    `-d${seconds}s`,
    '-s',
    script,
    `http://127.0.0.1:${port}${c.path}`,
  ]).toString()
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)
  if (non2xx) throw new Error(`${c.label}: ${non2xx[1]} non-2xx responses\n${out}`)
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
}
