/** Deprecation notices: plan who to tell about which deprecated version, and deliver through an outbox. */

export { changelogBetween } from './changelog-items.ts'
export { formatNoticePlanText, type NoticePlanWithContacts } from './format-plan.ts'
export { messageIdOf, senderDomain } from './message-id.ts'
export { type Milestone, milestonesOf } from './milestones.ts'
export { type ChangelogItem, type NoticeEmail, type NoticeTopic, renderNoticeEmail } from './notice-email.ts'
export {
  type ContactResolver,
  defaultReminders,
  defineNoticeSettings,
  type MigrationTarget,
  minimumNoticeDays,
  type NoticeOptions,
  type NoticeSettings,
} from './notice-options.ts'
export { isConnectionFailure, type NoticeTransport, type OutgoingEmail, smtpTransport } from './notice-transport.ts'
export { type OpenedOutbox, openOutbox } from './open-outbox.ts'
export { type NoticeRef, type Outbox, type OutboxTable, sqlOutbox } from './outbox.ts'
export type { OutboxRecord, OutboxState } from './outbox-record.ts'
export {
  type NoticePlan,
  type NoticeState,
  noticeKey,
  type PlanInput,
  type PlannedNotice,
  type PlannedVersion,
  type PrincipalPlan,
  planNotices,
} from './plan-notices.ts'
export { composeEmails, deliverEmails, type PlannedEmail, type SendOptions, type SendOutcome } from './send-notices.ts'
export { staticContacts } from './static-contacts.ts'
export type { UsagePrincipal, UsageReport } from './usage-report.ts'
