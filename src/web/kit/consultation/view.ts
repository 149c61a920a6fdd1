/**
 * What the admin's consultation page and the scrutineer's read-only view share: loading a
 * consultation with its boxes' delivery counts, the round header, and a box's place in its
 * consultation.
 */

import { type DeliveryCounts, fetchDeliveryCounts } from '../delivery-counts.js';
import { h } from '../dom.js';
import type { Shell } from '../staff-shell.js';
import { type AdminConsultation, type BoxPlace, consultationApi, electionApi } from './types.js';

export interface LoadedConsultation {
  view: AdminConsultation;
  counts: Map<string, DeliveryCounts>;
}

/** The consultation and each box's delivery counts (those the account may read); `quiet`: no alert on failure. */
export async function loadConsultation(
  shell: Shell,
  id: string,
  options: { quiet?: boolean } = {},
): Promise<LoadedConsultation | undefined> {
  const answer = await shell.api.get<AdminConsultation>(`${consultationApi(id)}/admin`);
  if (!answer.ok) {
    if (!options.quiet) shell.fail(answer.failure);
    return undefined;
  }
  const view = answer.value;
  const counts = new Map<string, DeliveryCounts>();
  await Promise.all(
    view.boxes.map(async (box) => {
      if (!box.electionId) return;
      const found = await fetchDeliveryCounts(shell, box.electionId);
      if (found) counts.set(box.electionId, found);
    }),
  );
  return { view, counts };
}

const percentText = (shell: Shell, value: number | null) =>
  value === null ? '—' : `${shell.t.format.decimal(String(value))} %`;

/** The round, its rule, and the links to the previous and next rounds. */
export function roundHeader(
  shell: Shell,
  view: AdminConsultation,
  hrefOf: (id: string) => string,
): HTMLElement {
  const t = shell.t.congressPages.header;
  const rule = view.rule;
  return h(
    'div',
    { class: 'round-header' },
    h('p', { class: 'round-badge', id: 'round' }, t.round(view.round)),
    view.description ? h('p', {}, view.description) : null,
    view.previousId
      ? h(
          'p',
          { id: 'previous-round' },
          h('a', { href: hrefOf(view.previousId) }, t.previousLink(view.round - 1)),
        )
      : null,
    view.nextId
      ? h(
          'p',
          { id: 'next-round', class: 'note' },
          t.next(view.round + 1),
          ' ',
          h('a', { href: hrefOf(view.nextId) }, t.nextLink(view.round + 1)),
        )
      : null,
    h(
      'p',
      { class: 'hint' },
      rule
        ? t.rule(
            rule.qualifying,
            percentText(shell, rule.majorityPercent),
            rule.minimumPercent === null ? null : percentText(shell, rule.minimumPercent),
            rule.blankVotes === 'counted',
          )
        : t.noRule,
    ),
    view.round > 1 ? h('p', { class: 'hint' }, t.trusteesNote) : null,
  );
}

/** A box's place in its consultation, or undefined when the election is not a box. */
export async function boxPlace(shell: Shell, electionId: string): Promise<BoxPlace | undefined> {
  const answer = await shell.api.get<BoxPlace>(`${electionApi(electionId)}/consultation`);
  return answer.ok && answer.value.consultation !== null ? answer.value : undefined;
}
