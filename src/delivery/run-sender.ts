/**
 * The sender as a server runs it, configured from the environment:
 *   SMTP_URL                smtp://user:pass@host:587 or smtps://… (unset: `scrutin serve` runs no
 *                           sender and refuses to queue messages to voters; the demo notes each
 *                           message by voter id and marks it failed, never sent)
 *   SMTP_FROM               From header (default "Scrutin <no-reply@scrutin.invalid>")
 *   SMTP_MAX_CONNECTIONS    pooled SMTP connections (default 5; also the messages in flight)
 *   SMS_URL                 the SMS gateway (src/delivery/sms.ts, docs/sms-gateway.md); unset, choosing
 *                           SMS for an election is refused
 *   SMS_TOKEN               bearer token sent to the gateway
 *   DELIVERY_RATE           messages per second for this process (default 100)
 *   DELIVERY_LEASE_MS       how long a claimed message is reserved to this process (default 120000)
 *   DELIVERY_POLL_MS        how often to look for due messages (default 1000)
 *   DELIVERY_SENDER=off     run no sender in this process (another process sends)
 * Several processes may run senders on one store: leases share the outbox between them.
 */
import type { Store } from '../store/store.js';
import { DeliverySender } from './sender.js';
import { smsTransportFromEnvironment } from './sms.js';
import type { MailMode } from './transport.js';
import { loggingTransport, mailTransportFromEnvironment } from './transport.js';

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * Starts a sender unless DELIVERY_SENDER=off or `mail` is 'none'; `log` receives one line per
 * event, ids only. With 'none' nothing runs: what is already queued stays queued (not failed, not
 * "sent") until a server with SMTP_URL sends it. With 'terminal-demo' messages are noted and refused.
 */
export function startSenderFromEnvironment(
  store: Store,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  options: { mail?: MailMode } = {},
): DeliverySender | undefined {
  if (env.DELIVERY_SENDER === 'off') return undefined;
  if (options.mail === 'none') {
    log('SMTP_URL is not set: no mail is sent, and actions that would queue messages to voters are refused');
    return undefined;
  }
  const email =
    options.mail === 'terminal-demo'
      ? loggingTransport('email', log)
      : mailTransportFromEnvironment(env, log);
  const sender = new DeliverySender(store, {
    transports: {
      email,
      sms:
        (options.mail === 'terminal-demo' ? undefined : smsTransportFromEnvironment(env)) ??
        loggingTransport('sms', log),
    },
    ratePerSecond: numberFrom(env, 'DELIVERY_RATE', 100),
    concurrency: numberFrom(env, 'SMTP_MAX_CONNECTIONS', 5),
    leaseMs: numberFrom(env, 'DELIVERY_LEASE_MS', 120_000),
    pollMs: numberFrom(env, 'DELIVERY_POLL_MS', 1000),
    log: (event) =>
      log(
        [
          `delivery ${event.event}`,
          event.outboxId && `message ${event.outboxId}`,
          event.voterId && `to voter ${event.voterId}`,
          event.purpose && `(${event.purpose}, attempt ${event.attempt})`,
          event.reason && `: ${event.reason}`,
        ]
          .filter(Boolean)
          .join(' '),
      ),
  });
  sender.start();
  return sender;
}
