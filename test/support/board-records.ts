/**
 * Boards written straight to a store, as another process or an older version of Scrutin would have
 * written them (no verifier on the way): for tests of what the board's verifier then reports.
 */
import { sha256Hex } from '../../src/core/hash.js';
import type { EventRecord } from '../../src/protocol/archive/archive.js';
import type { Store } from '../../src/store/store.js';

/** The data files an event brings, in the order `archive add-event` writes them (its payload last). */
export function payloadsOf(record: EventRecord, data: ReadonlyMap<string, string>): string[] {
  const payload = record.event.payload;
  if (payload === undefined) return [];
  const raw = data.get(payload)!;
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  const refs: string[] = [];
  if (record.event.type === 'Setup')
    refs.push(...['election', 'trustees', 'credentials'].map((k) => parsed[k] as string));
  if (record.event.type === 'EncryptedTally') refs.push(parsed.encrypted_tally as string);
  if (record.event.type === 'PartialDecryption' || record.event.type === 'Shuffle')
    refs.push(parsed.payload as string);
  return [...refs.map((hash) => data.get(hash)!), raw];
}

/** As another process (or an older version of Scrutin) would have written the board: no verifier. */
export async function writeStraightToStore(
  store: Store,
  electionId: string,
  events: readonly EventRecord[],
  data: ReadonlyMap<string, string>,
): Promise<void> {
  for (const record of events) {
    const payloads = payloadsOf(record, data).map((raw) => ({ hash: sha256Hex(raw), raw }));
    const outcome = await store.board.append(electionId, payloads, {
      height: record.event.height,
      hash: record.hash,
      type: record.event.type,
      raw: record.raw,
    });
    if (!outcome.ok) throw new Error(`could not store event ${record.event.height}`);
  }
}
