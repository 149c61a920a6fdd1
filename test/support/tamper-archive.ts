/**
 * Tampered copies of a real archive, made the way an attacker who controls the server would: one
 * file changed, and its new hash written into every later file that named the old one (events'
 * payloads and parents), so the archive still parses and the hash chain still holds. Only the
 * cryptographic checks can then tell — which is what a verifier under test must do.
 */
import { createHash } from 'node:crypto';
import { archiveBytes, parseArchive } from '../../src/protocol/archive/archive.js';
import { readTar } from '../../src/protocol/archive/tar.js';

export type Tampering =
  /** One digit of a proof of the first ballot changed: the ballots check must fail. */
  | 'ballot'
  /** The first count of the published result increased by one: the result check must fail. */
  | 'result';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

function payloadOf(bytes: Uint8Array, type: 'Ballot' | 'Result'): string {
  const record = parseArchive(bytes).events.find((r) => r.event.type === type);
  if (!record?.event.payload) throw new Error(`the archive has no ${type} event to tamper with`);
  return record.event.payload;
}

function changed(raw: string, how: Tampering): string {
  if (how === 'ballot') {
    // The last digit of the first challenge: still a well-formed number, no longer a valid proof.
    const out = raw.replace(/("challenge":"\d*)(\d)"/, (_m, head: string, digit: string) => {
      return `${head}${(Number(digit) + 1) % 10}"`;
    });
    if (out === raw) throw new Error('no proof challenge found in the ballot');
    return out;
  }
  const out = raw.replace(
    /(\[\s*\[?\s*)(\d+)/,
    (_m, head: string, count: string) => `${head}${BigInt(count) + 1n}`,
  );
  if (out === raw) throw new Error('no count found in the result');
  return out;
}

export function tamperArchive(bytes: Uint8Array, how: Tampering): Uint8Array {
  const target = payloadOf(bytes, how === 'ballot' ? 'Ballot' : 'Result');
  const [header, ...entries] = readTar(bytes);
  const timestamp = Number(JSON.parse(new TextDecoder().decode(header!.content)).timestamp);
  const renamed = new Map<string, string>();
  const records = entries.map((entry) => {
    const [hash, kind] = entry.name.split('.') as [string, 'data' | 'event'];
    let raw = new TextDecoder().decode(entry.content);
    if (hash === target) raw = changed(raw, how);
    for (const [before, after] of renamed) raw = raw.replaceAll(before, after);
    const newHash = sha256Hex(raw);
    if (newHash !== hash) renamed.set(hash, newHash);
    return { kind, hash: newHash, raw };
  });
  return archiveBytes(timestamp, records);
}
