/**
 * The time source of the domain and the server. Passed in, never read globally, so tests move it
 * (a closing date passes, a code expires) without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
