/**
 * A reason recorded for everyone to read (an annulment's: the public page, the audit log, the
 * procès-verbal) must say something: at least five characters that are not white space, so that
 * five spaces, or "a   b", are not a reason. The server refuses shorter ones whatever the client
 * sent; the admin pages apply the same rule before sending.
 */

/** Non-space characters a reason needs. */
export const MIN_REASON_CHARACTERS = 5;

/** The reason as recorded (trimmed), or undefined when it has fewer than five non-space characters. */
export function meaningfulReason(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.replace(/\s/gu, '').length >= MIN_REASON_CHARACTERS ? trimmed : undefined;
}
