import type { Response } from 'express'
import type { RuntimeResponse } from '../../runtime/index.ts'

/** Writes the runtime's answer to an Express response. */
export function sendRuntimeResponse(response: Response, answer: RuntimeResponse): void {
  response.status(answer.status)
  response.set(answer.headers)
  if (answer.body === undefined) response.end()
  else response.send(Buffer.from(answer.body))
}
