/**
 * Where messages leave the server. One interface for every channel (mail, SMS): a
 * transport sends one message and says whether it was accepted, refused for good (SMTP 5xx) or
 * should be tried again (4xx, a dropped or refused connection, a timeout). Three implementations:
 * SMTP through nodemailer (pooled connections, from SMTP_URL), a logging transport for the demo
 * that writes only "message to <voter id> not sent" (never an address or a body) and refuses the
 * message, so its status reads "failed (not sent…)", never "sent", and an in-memory test transport;
 * the SMS channel's gateway transport is in sms.ts.
 */
import nodemailer from 'nodemailer';

export type Channel = 'email' | 'sms';

/**
 * How voter messages leave this server: `smtp` (SMTP_URL is set), `terminal-demo` (`scrutin demo`:
 * nothing is sent, a line per message goes to the terminal), `none` (no mail configured: every
 * action that would queue a message to voters is refused, so nothing looks sent that cannot be).
 */
export type MailMode = 'smtp' | 'terminal-demo' | 'none';

export interface OutgoingMessage {
  /** Outbox row id: for logs. */
  readonly id: string;
  readonly electionId: string;
  readonly voterId: string;
  readonly channel: Channel;
  /** An email address, or a phone number in E.164 for SMS. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** Message-ID header, the same on every attempt. */
  readonly messageId: string;
  readonly language: string;
}

export type SendResult =
  | { readonly kind: 'accepted'; readonly response: string }
  | { readonly kind: 'temporary'; readonly reason: string }
  | { readonly kind: 'permanent'; readonly reason: string };

export interface Transport {
  readonly channel: Channel;
  /** Never throws for a delivery problem: the result says what happened. */
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}

/** Longest SMTP reason kept: enough for the enhanced status code and the server's explanation. */
const REASON_LENGTH = 300;

export function shortReason(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > REASON_LENGTH ? `${oneLine.slice(0, REASON_LENGTH - 1)}…` : oneLine;
}

/**
 * What a nodemailer error means for the message. A 5xx reply refuses this message for good; a 4xx
 * reply, a connection that failed, dropped or timed out, or an authentication failure (a setting to
 * fix, not a property of the message) are worth retrying.
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = error as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text =
    typeof e.response === 'string' && e.response !== ''
      ? e.response
      : `${typeof e.code === 'string' ? `${e.code}: ` : ''}${typeof e.message === 'string' ? e.message : String(error)}`;
  const reason = shortReason(text);
  if (code !== undefined && code >= 500 && code < 600 && e.code !== 'EAUTH')
    return { kind: 'permanent', reason };
  return { kind: 'temporary', reason };
}

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://…; query parameters are nodemailer's. */
  readonly url: string;
  /** The From header, e.g. "Scrutin <no-reply@example.org>". */
  readonly from: string;
  /** Parallel SMTP connections kept open. */
  readonly maxConnections?: number;
  /** Per-step timeouts (ms); they must stay well below the outbox lease. */
  readonly timeoutMs?: number;
}

export function smtpTransport(options: SmtpOptions): Transport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 1000,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // No link tracking, no pretty-printing of logs: nodemailer logs nothing unless asked.
    logger: false,
    debug: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    channel: 'email',
    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === null ? {} : { html: message.html }),
          messageId: message.messageId,
          headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
        });
        return { kind: 'accepted', response: shortReason(String(info.response ?? '250')) };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** Why a logged-only message was not sent: it becomes the message's status reason. */
export const NOT_SENT_REASON = 'not sent: no mail server configured (demo)';

/**
 * Nothing leaves: each message is noted by voter id only and refused for good, so the outbox
 * marks it failed with NOT_SENT_REASON and wipes its secret. "Accepted" would show it as sent, and
 * an admin would believe voters had their credentials.
 */
export function loggingTransport(channel: Channel, log: (line: string) => void): Transport {
  return {
    channel,
    async send(message) {
      log(`message to ${message.voterId} not sent (${channel}: no transport configured)`);
      return { kind: 'permanent', reason: NOT_SENT_REASON };
    },
    async close() {},
  };
}

/** In-memory transport for tests: keeps what was accepted; `script` decides the answer per attempt. */
export interface TestTransport extends Transport {
  readonly accepted: OutgoingMessage[];
  script: (message: OutgoingMessage, attempt: number) => SendResult;
}

export function testTransport(channel: Channel = 'email'): TestTransport {
  const attempts = new Map<string, number>();
  const transport: TestTransport = {
    channel,
    accepted: [],
    script: () => ({ kind: 'accepted', response: '250 OK' }),
    async send(message) {
      const attempt = (attempts.get(message.id) ?? 0) + 1;
      attempts.set(message.id, attempt);
      const result = transport.script(message, attempt);
      if (result.kind === 'accepted') transport.accepted.push(message);
      return result;
    },
    async close() {},
  };
  return transport;
}

/** Whether SMTP_URL names a mail server (the server's `mail` mode follows from it). */
export function smtpConfigured(env: NodeJS.ProcessEnv): boolean {
  return env.SMTP_URL !== undefined && env.SMTP_URL.trim() !== '';
}

/**
 * The mail transport a server uses: SMTP when SMTP_URL is set, else the logging transport (and a
 * warning, once, that nothing is delivered).
 */
export function mailTransportFromEnvironment(env: NodeJS.ProcessEnv, log: (line: string) => void): Transport {
  const url = env.SMTP_URL;
  if (url === undefined || !smtpConfigured(env)) {
    log('SMTP_URL is not set: messages are not sent (each is marked failed, noted by voter id)');
    return loggingTransport('email', log);
  }
  return smtpTransport({
    url,
    from: env.SMTP_FROM ?? 'Scrutin <no-reply@scrutin.invalid>',
    maxConnections: Number(env.SMTP_MAX_CONNECTIONS ?? 5),
  });
}
