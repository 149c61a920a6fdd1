/**
 * Dates as the admin types them: a wall-clock time ("2026-11-25T14:00", what <input
 * type="datetime-local"> gives) in the election's IANA time zone, turned into the UTC instant the API
 * takes (explicit offset), and back. Uses only Intl, so it follows the browser's time-zone database.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Whether the browser knows `timeZone` (an IANA name such as "Europe/Paris"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** "2026-11-25T14:00" in `timeZone` → "2026-11-25T13:00:00.000Z"; undefined if unreadable. */
export function zonedToInstant(local: string, timeZone: string): string | undefined {
  const m = LOCAL.exec(local);
  if (!m || !isTimeZone(timeZone)) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Two passes: the offset is the one in force at the instant itself (daylight-saving changes).
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}

/** The inverse, for pre-filling inputs: an instant shown as wall-clock time in `timeZone`. */
export function instantToZoned(iso: string | null, timeZone: string): string {
  if (iso === null || !isTimeZone(timeZone)) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + offsetAt(t, timeZone)).toISOString().slice(0, 16);
}
