/**
 * The set-up of one draft copied to another (a consultation's re-run or next-round box): same roll
 * (no credentials: new ones are issued), same delivery settings (sign-in mode, password delay, help
 * contact, language), same Single trustees' public keys, the threshold groups declared again with
 * the same members and threshold (their key establishment runs again: the decryption key shares
 * the server keeps are sealed to one group's run, and a new run lets a trustee who lost a key file
 * take part), the same election roles and the same recovery choice (an officer's public key is bound
 * to no election, so the re-run's credentials are escrowed to the same officer). One transaction: all
 * of it, or nothing. Answers what was inherited, for the audit entry of the box it makes.
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
): Promise<InheritedSetup> {
  return records.store.transaction(async (tx: Store) => {
    const within = records.within(tx);
    const draft = new ElectionDraft(within);
    const settings = await tx.delivery.getSettings(fromElection);
    if (settings) await tx.delivery.saveSettings({ ...settings, electionId: toElection });
    const recovery = await tx.recovery.getSettings(fromElection);
    if (recovery) await tx.recovery.saveSettings({ ...recovery, electionId: toElection });
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
    const roles = await tx.elections.listRoles(fromElection);
    for (const grant of roles) await tx.elections.addRole({ ...grant, electionId: toElection });
    return {
      voters: voters.length,
      deliverySettings: settings !== undefined,
      recovery: recovery?.mode ?? null,
      trustees: (await tx.trustees.list(toElection)).length,
      roles: roles.length,
    };
  });
}

/** What a copy carried over: counts and choices, never a voter's address or a key. */
export interface InheritedSetup {
  readonly voters: number;
  readonly deliverySettings: boolean;
  readonly recovery: 'escrow' | 'none' | null;
  readonly trustees: number;
  readonly roles: number;
}

/** The one-line summary the audit entry of a re-run carries (English, like every entry's details). */
export function describeInherited(inherited: InheritedSetup): string {
  return [
    `roll of ${inherited.voters} voters`,
    inherited.deliverySettings ? 'delivery settings' : 'default delivery settings',
    `recovery: ${inherited.recovery ?? 'not chosen'}`,
    `${inherited.trustees} trustees`,
    `${inherited.roles} roles`,
  ].join('; ');
}
