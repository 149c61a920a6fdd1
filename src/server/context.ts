/**
 * What every route plugin receives: the store, the clock (tests move it), the ballot checker (a
 * worker pool on the server) and the server's configuration. Nothing global: two servers in one
 * process (as the tests run them) share nothing.
 */
import type { Clock } from '../core/clock.js';
import type { MailMode, Transport } from '../delivery/index.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import type { Store } from '../store/store.js';
import type { SignInBudget } from './auth/rate-limits.js';
import { ApiError } from './errors.js';

/**
 * Which peers may tell the client's address in X-Forwarded-For (Fastify's `trustProxy`): `false`
 * (none, the default: `request.ip` is the TCP peer), `true` (any), a number of proxy hops, or a
 * list of addresses and CIDR ranges.
 */
export type TrustProxy = boolean | number | readonly string[];

export interface ServerConfig {
  /** Public base URL printed in links (e.g. http://127.0.0.1:8080). */
  readonly baseUrl: string;
  /** Cookies get `Secure` when the base URL is https (an https base URL forces it, see isHttps). */
  readonly secureCookies: boolean;
  /** Largest accepted request body, in bytes (a ballot with many questions stays far below). */
  readonly bodyLimit: number;
  /** Absent: `false`. */
  readonly trustProxy?: TrustProxy;
  /**
   * Absent: the embedder runs its own sender with a transport it chose (tests do), treated as
   * `smtp`. `scrutin serve` always sets it.
   */
  readonly mail?: MailMode;
  /**
   * Whether an SMS gateway is configured (SMS_URL): 'http', or 'none' (absent: 'none'), when
   * choosing SMS for passwords and codes is refused.
   */
  readonly sms?: 'http' | 'none';
  /** Sign-in failure budgets (src/server/auth/rate-limits.ts); absent fields take the defaults. */
  readonly signIn?: Partial<SignInBudget>;
  /**
   * Absent: `true`. Ranked and graded (non-homomorphic) questions and their shuffle phase (issue
   * 18): the booth and the question editor take them, and no such ballot is decrypted before the
   * trustees' shuffles. `false` refuses them everywhere (tests of that refusal set it).
   */
  readonly nonHomomorphic?: boolean;
}

/** Whether the public address is https: then HSTS on every answer and `Secure` on every cookie. */
export function isHttps(config: Pick<ServerConfig, 'baseUrl'>): boolean {
  return /^https:/i.test(config.baseUrl);
}

export function mailMode(config: Pick<ServerConfig, 'mail'>): MailMode {
  return config.mail ?? 'smtp';
}

/**
 * Without mail, a queued message would wait for ever while the page said it was on its way: every
 * action that mails a voter refuses first, before anything is generated or queued.
 */
export function requireMail(config: Pick<ServerConfig, 'mail'>): void {
  if (mailMode(config) === 'none') throw new ApiError('SCR_MAIL_NOT_CONFIGURED');
}

/** Choosing SMS, or queueing a message to go by SMS, without a gateway is refused like mail without SMTP. */
export function requireSms(config: Pick<ServerConfig, 'sms'>): void {
  if (config.sms !== 'http') throw new ApiError('SCR_SMS_NOT_CONFIGURED');
}

export interface ServerContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly checker: BallotBatchChecker;
  readonly config: ServerConfig;
  /**
   * Where invitation and password-reset mails to staff accounts leave (src/delivery/account-mail.ts):
   * the SMTP transport with mail, a noting one in the demo; absent, nothing can be sent.
   */
  readonly accountMail?: Transport;
}
