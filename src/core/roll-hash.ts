/**
 * The hash of a voter roll as any camp can recompute it from what scrutineers are shown (issue #16
 * point 7): login, display name and weight of every voter — never an address — sorted by login,
 * as a JSON array of [login, displayName, weight] triples, SHA-256, unpadded base64 (like the
 * other sealed hashes). The opening's audit entry records it, so the roll read later can be checked
 * against the roll the election was opened with.
 */
import { sha256B64 } from './hash.js';

export interface RollEntry {
  readonly login: string;
  readonly displayName: string;
  readonly weight: string;
}

/** The canonical text hashed: one JSON array, voters sorted by login (code-unit order). */
export function rollText(voters: readonly RollEntry[]): string {
  const sorted = [...voters].sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
  return JSON.stringify(sorted.map((v) => [v.login, v.displayName, String(v.weight)]));
}

export function rollHash(voters: readonly RollEntry[]): string {
  return sha256B64(rollText(voters));
}
