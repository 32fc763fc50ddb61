/** Where one notice stands in the outbox: `sending` is written before the SMTP call, `sent` after it. */
export type OutboxState = 'pending' | 'sending' | 'sent'

/** One row of the outbox: one notice to one principal about one version at one milestone. */
export interface OutboxRecord {
  readonly principal: string
  /** `undefined` for the API-wide scope. */
  readonly scope: string | undefined
  readonly version: string
  readonly milestone: string
  readonly state: OutboxState
  /** The Message-ID of the email that carries it (shared by every notice of one email). */
  readonly message_id: string | null
  readonly recipient: string | null
  readonly attempts: number
  readonly last_error: string | null
  /** RFC 3339. */
  readonly sent_at: string | null
}
