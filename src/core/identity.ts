/**
 * How two spellings of one person's identifier are recognised as the same: account emails, voter
 * logins and voter emails compare by their `identityKey` — trimmed, Unicode NFC, case-folded — so
 * `ALICE@Example.org`, ` alice@example.org ` and `alice@example.org` are one person everywhere
 * (uniqueness in the store, sign-in, roll import, rate-limit keys, one-time codes, recovery). This
 * is the only place that decides it: the store keeps the key in its own indexed column.
 *
 * Case folding: JavaScript has no full Unicode case fold, and `toLowerCase` alone keeps `ß` apart
 * from `SS`; lower-casing the upper-cased text folds those (ß→ss, ς→σ, ﬁ→fi) as Unicode's full
 * folding (CaseFolding.txt, status F) does. NFC again after, since case mapping may decompose.
 */

export function identityKey(value: string): string {
  return value.trim().normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** Whether two identifiers name the same person (see `identityKey`). */
export function sameIdentity(a: string, b: string): boolean {
  return identityKey(a) === identityKey(b);
}

/**
 * Control characters refused in logins, names and addresses: C0 (NUL included), DEL and C1. They
 * are invisible, make two identifiers look alike, and break mail headers and CSV exports.
 */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f)) return true;
  }
  return false;
}
