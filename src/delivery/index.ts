/**
 * Credential and login-secret delivery (issue #4): the outbox, the sender, message templates,
 * one-time codes, per-voter status and the access test. Other areas use this facade only.
 *
 * Stable entry point for other areas: `queueCredentialMessage(ctx, { electionId, voterId,
 * credential, purpose, idempotencyKey })` sends a credential to the voter's registered address
 * (queueing the same idempotency key twice sends once).
 */
export { CODE_LIFETIME_MINUTES, CODE_TRIES, checkCode, requestCode } from './codes.js';
export {
  type DeliveryContext,
  type GeneratedCredential,
  queueCredentialMessage,
  queueGeneratedCredentials,
  queueingIn,
  queuePasswordMessages,
  queueReminders,
  queueRollChangeNotice,
} from './outbox.js';
export { startSenderFromEnvironment } from './run-sender.js';
export { dummyGeneratedPasswordHash } from './secrets.js';
export { DeliverySender, type SenderEvent, type SenderOptions } from './sender.js';
export { DEFAULT_SETTINGS, type DeliverySettings, deliverySettings } from './settings.js';
export {
  type DeliveryCounts,
  deliveryCounts,
  type VoterDeliveryStatus,
  voterDeliveryStatus,
} from './status.js';
export { boothUrl, credentialLink } from './templates.js';
export {
  loggingTransport,
  type OutgoingMessage,
  type SendResult,
  smtpTransport,
  type Transport,
  testTransport,
} from './transport.js';
