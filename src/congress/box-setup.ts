/**
 * Setting up a consultation's boxes: the row of a new box, the ordinary election behind an online
 * box (questions and calendar from the template, its creator as election admin), and the copy of
 * a box's roll, delivery settings, trustees and roles to its re-run or next-round box.
 */

import { encode } from '../core/codec.js';
import { type Actor, randomId } from '../election/actor.js';
import type { ElectionService } from '../election/service.js';
import { parseThresholdState, type ThresholdState, thresholdStateCodec } from '../election/threshold.js';
import { questionCodec } from '../protocol/messages.js';
import type { BoxRow, ConsultationRow } from '../store/consultations/repository.js';
import type { ElectionRow, Store, VoterRow } from '../store/store.js';
import type { ConsultationTemplate } from './consultation-types.js';

export function newBox(
  consultationId: string,
  position: number,
  label: string,
  channel: BoxRow['channel'],
  electionId: string | null,
  at: string,
): BoxRow {
  return {
    id: randomId(),
    consultationId,
    position,
    label,
    channel,
    electionId,
    replacesId: null,
    annulReason: null,
    annulledAt: null,
    annulledBy: null,
    paperJson: null,
    enteredBy: null,
    enteredAt: null,
    reportName: null,
    reportSha256: null,
    reportBase64: null,
    createdAt: at,
  };
}

export async function createBoxElection(
  elections: ElectionService,
  row: Pick<ConsultationRow, 'name' | 'description' | 'organisationId'>,
  template: ConsultationTemplate,
  label: string,
  actor: Actor,
): Promise<ElectionRow> {
  // The creator administers each box, as when an election is created through the API.
  const election = await elections.create(
    row.organisationId,
    actor,
    {
      name: `${row.name} — ${label}`,
      description: row.description,
      timeZone: template.timeZone,
      groupName: template.groupName,
    },
    async (tx, created) => {
      if (actor.id !== 'system')
        await tx.elections.addRole({ electionId: created.id, accountId: actor.id, role: 'election-admin' });
    },
  );
  await elections.setQuestions(
    election.id,
    actor,
    template.questions.map((q) => questionCodec.toJson(q)),
  );
  if (template.opensAt || template.closesAt)
    await elections.setSchedule(election.id, actor, {
      opensAt: template.opensAt,
      closesAt: template.closesAt,
    });
  return elections.get(election.id);
}

/**
 * Same roll (no credentials: new ones are issued), same delivery settings (sign-in mode, password
 * delay, help contact, language), same Single trustees' public keys, the threshold groups declared
 * again with the same members and threshold (their key establishment runs again: the decryption
 * key shares the server keeps are sealed to one group's run, and a new run lets a trustee who lost
 * a key file take part), and the same election roles.
 */
export async function copyBoxSetup(
  store: Store,
  elections: ElectionService,
  fromElection: string,
  toElection: string,
  actor: Actor,
): Promise<void> {
  const settings = await store.delivery.getSettings(fromElection);
  if (settings) await store.delivery.saveSettings({ ...settings, electionId: toElection });
  const voters = await store.voters.list(fromElection);
  if (voters.length > 0) {
    const copies: VoterRow[] = voters.map((v) => ({
      ...v,
      id: randomId(),
      electionId: toElection,
      publicCredential: null,
      passwordHash: null,
    }));
    const target = await elections.get(toElection);
    await store.transaction(async (tx) => {
      await tx.voters.replace(toElection, copies);
      await tx.audit.append({
        organisationId: target.organisationId,
        electionId: toElection,
        actor: actor.id,
        action: 'voters.import',
        details: { count: copies.length },
      });
    });
  }
  for (const trustee of await store.trustees.list(fromElection)) {
    if (trustee.kind === 'server') await elections.useServerTrustee(toElection, actor);
    else if (trustee.kind === 'single' && trustee.publicJson)
      await elections.addSingleTrustee(toElection, actor, {
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
      const target = await elections.get(toElection);
      await store.transaction(async (tx) => {
        const position = (await tx.trustees.list(toElection)).length;
        await tx.trustees.save({
          ...trustee,
          electionId: toElection,
          position,
          publicJson: encode(thresholdStateCodec, fresh),
        });
        await tx.audit.append({
          organisationId: target.organisationId,
          electionId: toElection,
          actor: actor.id,
          action: 'trustee.threshold.declare',
          details: { threshold: fresh.threshold, trustees: fresh.trustees.length, copiedFrom: fromElection },
        });
      });
    }
  }
  for (const grant of await store.elections.listRoles(fromElection))
    await store.elections.addRole({ ...grant, electionId: toElection });
}
