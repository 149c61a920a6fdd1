/**
 * What every route plugin receives: the store, the clock (tests move it), the ballot checker (a
 * worker pool on the server) and the server's configuration. Nothing global: two servers in one
 * process (as the tests run them) share nothing.
 */
import type { BallotBatchChecker } from '../protocol/verifier.js';
import type { Store } from '../store/store.js';

export interface ServerConfig {
  /** Public base URL printed in links (e.g. http://127.0.0.1:8080). */
  readonly baseUrl: string;
  /** Cookies get `Secure` when the base URL is https. */
  readonly secureCookies: boolean;
  /** Largest accepted request body, in bytes (a ballot with many questions stays far below). */
  readonly bodyLimit: number;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServerContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly checker: BallotBatchChecker;
  readonly config: ServerConfig;
}
