/**
 * Setting up a consultation's boxes: the row of a new box and the ordinary election behind an online
 * box. (The copy of a box's roll, delivery settings, trustees and roles to its re-run or next-round
 * box is the election service's `copySetup`.)
 */

import { accountId, boxId, type ConsultationId, type ElectionId } from '../core/ids.js';
import { type Actor, randomId } from '../election/actor.js';
import type { ElectionService } from '../election/service.js';
import type { BoxRow, ConsultationRow } from '../store/consultations/repository.js';
import type { ElectionRow } from '../store/store.js';
import type { ConsultationTemplate } from './consultation-types.js';

export function newBox(
  consultationId: ConsultationId,
  position: number,
  label: string,
  channel: BoxRow['channel'],
  electionId: ElectionId | null,
  at: string,
): BoxRow {
  return {
    id: boxId(randomId()),
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

/**
 * The ordinary election behind an online box, one call in one transaction: questions and calendar
 * from the consultation's template, its creator as election admin (as when an election is created
 * through the API). Inside a caller's transaction, pass `elections.within(tx)`.
 */
export function createBoxElection(
  elections: ElectionService,
  row: Pick<ConsultationRow, 'name' | 'description' | 'organisationId'>,
  template: ConsultationTemplate,
  label: string,
  actor: Actor,
): Promise<ElectionRow> {
  return elections.createFromTemplate(
    row.organisationId,
    actor,
    {
      name: `${row.name} — ${label}`,
      description: row.description,
      timeZone: template.timeZone,
      groupName: template.groupName,
      questions: template.questions,
      opensAt: template.opensAt,
      closesAt: template.closesAt,
    },
    async (tx, created) => {
      // Any actor but the scheduler is an account here (Actor.id is not branded yet: 'system', 'server').
      if (actor.id !== 'system')
        await tx.elections.addRole({
          electionId: created.id,
          accountId: accountId(actor.id),
          role: 'election-admin',
        });
    },
  );
}
