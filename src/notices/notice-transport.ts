import nodemailer from 'nodemailer'

/** One email as the transport sends it. */
export interface OutgoingEmail {
  readonly from: string
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly messageId: string
}

/** How notices leave: SMTP in production, anything with the same shape in an embedder. */
export interface NoticeTransport {
  /** Fails when the server cannot be reached or refuses to talk. */
  verify(): Promise<void>
  /** Resolves once the server accepted the message. */
  send(email: OutgoingEmail): Promise<void>
  close(): void
}

/**
 * Whether a transport error means the server is out of reach (so every other email would fail
 * too), as opposed to this one message being refused.
 *
 * @example
 * if (isConnectionFailure(error)) break
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'ETLS'].includes(String(code))
}

/**
 * An SMTP transport through nodemailer, from a URL such as `smtp://user:pass@mail.example.com:587`
 * or `smtps://...`.
 *
 * @example
 * const transport = smtpTransport(process.env.SMTP_URL)
 */
export function smtpTransport(url: string): NoticeTransport {
  const transporter = nodemailer.createTransport(url, {})
  return {
    async verify() {
      await transporter.verify()
    },
    async send(email) {
      await transporter.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
      })
    },
    close: () => transporter.close(),
  }
}
