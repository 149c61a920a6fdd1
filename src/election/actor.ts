/**
 * Who does an action (for the audit log) and the ids the domain mints. A module of its own so the
 * election, threshold, recovery and congress services share them without importing each other.
 */
import { randomBytes } from 'node:crypto';

export interface Actor {
  /** Account id, or "system" for scheduled actions. */
  readonly id: string;
}

/** 96 random bits, URL-safe: ids of elections, voters, requests… */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}
