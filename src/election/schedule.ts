/**
 * Parsing of an election's schedule as the admin gives it: a known IANA time zone and instants
 * with an explicit offset, normalised to ISO UTC; anything else is refused as a bad request.
 */

import { DomainError } from '../errors/catalogue.js';

export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new DomainError('SCR_BAD_REQUEST', { problem: `unknown time zone ${timeZone}` });
  }
}

export function instant(text: string): string {
  // Explicit offsets only: "2027-03-01T09:00:00+01:00" or "…Z", never a local time without zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new DomainError('SCR_BAD_REQUEST', {
      problem: `dates need an explicit time zone offset, got "${text}"`,
    });
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new DomainError('SCR_BAD_REQUEST', { problem: `invalid date "${text}"` });
  return date.toISOString();
}
