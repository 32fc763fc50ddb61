import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** A message the sink accepted, parsed. */
export interface ReceivedMail {
  readonly parsed: ParsedMail
  readonly envelopeTo: readonly string[]
}

/** A real SMTP server on 127.0.0.1 that keeps what it is sent. */
export interface SmtpSink {
  readonly port: number
  readonly url: string
  readonly received: ReceivedMail[]
  /**
   * Runs after a message is read in full and before the server answers it: a test can kill the
   * sending process there (the message is in, the sender never hears back).
   */
  beforeAccept: ((mail: ReceivedMail) => Promise<void>) | undefined
  /** Refuse every recipient with this reply (e.g. a 451), or accept them (`undefined`). */
  refuseRecipients: string | undefined
  stop(): Promise<void>
}

/**
 * Starts an SMTP server on 127.0.0.1 (a random port unless `port` is given), without TLS or
 * authentication, that parses and keeps every message.
 *
 * @example
 * const smtp = await startSmtpSink()
 * process.env.SMTP_URL = smtp.url
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    url: '',
    received: [],
    beforeAccept: undefined,
    refuseRecipients: undefined,
    stop: async () => {},
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (sink.refuseRecipients === undefined) return callback()
      const error = Object.assign(new Error(sink.refuseRecipients), { responseCode: 451 })
      callback(error)
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail = { parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) }
          sink.received.push(mail)
          await sink.beforeAccept?.(mail)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.server.address() as AddressInfo
  return Object.assign(sink, {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}
