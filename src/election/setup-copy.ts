/**
 * The set-up of one draft copied to another (a consultation's re-run or next-round box): same roll
 * (no credentials: new ones are issued), same delivery settings (sign-in mode, password delay, help
 * contact, language), same Single trustees' public keys, the threshold groups declared again with
 * the same members and threshold (their key establishment runs again: the decryption key shares
 * the server keeps are sealed to one group's run, and a new run lets a trustee who lost a key file
 * take part), and the same election roles. One transaction: all of it, or nothing.
 */
import { encode } from '../core/codec.js';
import type { Store, VoterRow } from '../store/store.js';
import { type Actor, auditElection, randomId } from './actor.js';
import { ElectionDraft } from './draft.js';
import type { ElectionRecords } from './records.js';
import { parseThresholdState, type ThresholdState, thresholdStateCodec } from './threshold.js';

export async function copySetup(
  records: ElectionRecords,
  fromElection: string,
  toElection: string,
  actor: Actor,
): Promise<void> {
  await records.store.transaction(async (tx: Store) => {
    const within = records.within(tx);
    const draft = new ElectionDraft(within);
    const settings = await tx.delivery.getSettings(fromElection);
    if (settings) await tx.delivery.saveSettings({ ...settings, electionId: toElection });
    const voters = await tx.voters.list(fromElection);
    if (voters.length > 0) {
      const copies: VoterRow[] = voters.map((v) => ({
        ...v,
        id: randomId(),
        electionId: toElection,
        publicCredential: null,
        passwordHash: null,
      }));
      // The domain's import (its version check and its `voters.import` entry), of rows already checked.
      await draft.applyImport(actor, { row: await within.get(toElection), voters: copies });
    }
    for (const trustee of await tx.trustees.list(fromElection)) {
      if (trustee.kind === 'server') await draft.useServerTrustee(toElection, actor);
      else if (trustee.kind === 'single' && trustee.publicJson)
        await draft.addSingleTrustee(toElection, actor, {
          displayName: trustee.displayName,
          accountId: trustee.accountId,
          publicKey: trustee.publicJson,
        });
      else if (trustee.kind === 'pedersen' && trustee.publicJson) {
        const state = parseThresholdState(trustee);
        const fresh: ThresholdState = {
          threshold: state.threshold,
          trustees: state.trustees.map((t) => ({ accountId: t.accountId, displayName: t.displayName })),
        };
        const position = (await tx.trustees.list(toElection)).length;
        await tx.trustees.save({
          ...trustee,
          electionId: toElection,
          position,
          publicJson: encode(thresholdStateCodec, fresh),
        });
        await auditElection(tx, await within.get(toElection), actor, 'trustee.threshold.declare', {
          threshold: fresh.threshold,
          trustees: fresh.trustees.length,
          copiedFrom: fromElection,
        });
      }
    }
    for (const grant of await tx.elections.listRoles(fromElection))
      await tx.elections.addRole({ ...grant, electionId: toElection });
  });
}
