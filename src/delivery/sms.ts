/**
 * The SMS channel: one provider-neutral HTTP request per message to an SMS gateway (SMS_URL), so any
 * provider is reached through a few lines of glue on its side or ours (docs/sms-gateway.md):
 *
 *   POST <SMS_URL>
 *   Authorization: Bearer <SMS_TOKEN>
 *   Content-Type: application/json
 *   Idempotency-Key: <the message's stable id, the same on every attempt>
 *   {"to":"+33612345678","text":"…","reference":"<outbox id>","language":"fr"}
 *
 * A 2xx answer is acceptance; 408, 429, 5xx, a refused or dropped connection and a timeout are worth
 * retrying (so are 401 and 403: a token to fix, not a property of the message); any other 4xx
 * refuses this message for good. The gateway's answer body is never kept: a gateway may echo the
 * text, which holds a password or a code; only the status line and a short message id are.
 */
import type { SendResult, Transport } from './transport.js';

export interface SmsGatewayOptions {
  /** The gateway's endpoint (https in production). */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>`; empty: no Authorization header. */
  readonly token: string;
  /** Per-request timeout; it must stay well below the outbox lease. */
  readonly timeoutMs?: number;
}

/** What the gateway receives, as JSON (the documented format). */
export interface SmsRequest {
  readonly to: string;
  readonly text: string;
  readonly reference: string;
  readonly language: string;
}

/** What an answer's HTTP status means for the message. */
export function classifySmsStatus(status: number, statusText: string): SendResult {
  const reason = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`.slice(0, 100);
  if (status >= 200 && status < 300) return { kind: 'accepted', response: reason };
  if (status === 408 || status === 429 || status === 401 || status === 403 || status >= 500)
    return { kind: 'temporary', reason };
  return { kind: 'permanent', reason };
}

/** A gateway's message id, if its JSON answer has a short plain one (nothing else of the body is kept). */
async function gatewayId(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { id?: unknown };
    return typeof body.id === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(body.id) ? body.id : undefined;
  } catch {
    return undefined;
  }
}

export function httpSmsTransport(options: SmsGatewayOptions): Transport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    channel: 'sms',
    async send(message) {
      const request: SmsRequest = {
        to: message.to,
        text: message.text,
        reference: message.id,
        language: message.language,
      };
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.messageId,
            ...(options.token === '' ? {} : { authorization: `Bearer ${options.token}` }),
          },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: unknown } }).cause;
        const code = typeof cause?.code === 'string' ? cause.code : (error as Error).name;
        return { kind: 'temporary', reason: `SMS gateway unreachable (${code})` };
      }
      const result = classifySmsStatus(response.status, response.statusText);
      if (result.kind !== 'accepted') {
        await response.body?.cancel().catch(() => undefined);
        return result;
      }
      const id = await gatewayId(response);
      return {
        kind: 'accepted',
        response: id === undefined ? result.response : `${result.response} id ${id}`,
      };
    },
    async close() {},
  };
}

/** Whether SMS_URL names a gateway (choosing SMS for an election is refused otherwise). */
export function smsConfigured(env: NodeJS.ProcessEnv): boolean {
  return env.SMS_URL !== undefined && env.SMS_URL.trim() !== '';
}

/** The SMS transport of a server: the gateway when SMS_URL is set, else undefined. */
export function smsTransportFromEnvironment(env: NodeJS.ProcessEnv): Transport | undefined {
  if (!smsConfigured(env)) return undefined;
  return httpSmsTransport({ url: env.SMS_URL!.trim(), token: env.SMS_TOKEN ?? '' });
}
