/**
 * Credential and login-secret delivery (issue #4): the outbox, the sender, message templates,
 * one-time codes, per-voter status, the access test and the staff account mails. Every other
 * folder of src/ imports delivery through this facade only (test/architecture.test.ts holds it);
 * tests and benchmarks may reach the modules behind it.
 *
 * Stable entry point for other areas: `queueCredentialMessage(ctx, { electionId, voterId,
 * credential, purpose, idempotencyKey })` sends a credential to the voter's registered address
 * (queueing the same idempotency key twice sends once).
 */

export {
  type ResendPlan,
  requestPassword,
  resendAccess,
  resendPlan,
  sendHelpDeskCode,
  sendPasswords,
  sendPasswordToVoter,
} from './access-messages.js';
export {
  type AccountMailInput,
  type AccountMailOutcome,
  type AccountMailPurpose,
  demoTerminalTransport,
  sendAccountMail,
  transportAccountMail,
} from './account-mail.js';
export type { DeliveryAction } from './audit.js';
export { CODE_LIFETIME_MINUTES, CODE_TRIES, checkCode, requestCode } from './codes.js';
export {
  type DeliveryContext,
  type GeneratedCredential,
  queueAnnulmentNotices,
  queueCastReceipt,
  queueCredentialMessage,
  queueGeneratedCredentials,
  queueingIn,
  queuePasswordMessages,
  queueProxyCredential,
  queueRecoveryRefused,
  queueReminders,
  queueRollChangeNotice,
} from './outbox.js';
export { startSenderFromEnvironment } from './run-sender.js';
export { dummyGeneratedPasswordHash, hashGeneratedSecret } from './secrets.js';
export { DeliverySender, type SenderEvent, type SenderOptions } from './sender.js';
export {
  DEFAULT_SETTINGS,
  type DeliverySettings,
  deliverySettings,
  MAX_PASSWORD_DELAY_SECONDS,
  saveDeliverySettings,
} from './settings.js';
export { httpSmsTransport, smsConfigured, smsTransportFromEnvironment } from './sms.js';
export {
  type DeliveryCounts,
  deliveryCounts,
  type VoterDeliveryStatus,
  voterDeliveryStatus,
} from './status.js';
export { boothUrl, credentialLink, messageLanguage } from './templates.js';
export {
  loggingTransport,
  type MailMode,
  mailTransportFromEnvironment,
  type OutgoingMessage,
  type SendResult,
  smtpConfigured,
  smtpTransport,
  type Transport,
  testTransport,
} from './transport.js';
