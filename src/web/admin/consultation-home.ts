/**
 * The consultations block of the admin home: each consultation (with its round) linking to its
 * page, its boxes listed under it with their state and a link to each box page, and the form to
 * create a new consultation.
 */
import { h } from '../kit/dom.js';
import type { Shell } from '../kit/staff-shell.js';
import { createConsultationForm } from './consultation-create.js';

export interface ConsultationSummary {
  id: string;
  name: string;
  round: number;
  previousId: string | null;
  boxes: { id: string; label: string; channel: string; electionId: string | null; annulled: boolean }[];
}

export function consultationsBlock(
  shell: Shell,
  organisationId: string,
  consultations: readonly ConsultationSummary[],
  elections: readonly { id: string; state: string }[],
  timeZone: string,
): HTMLElement {
  const t = shell.t.congressPages;
  const states = new Map(elections.map((e) => [e.id, e.state]));
  const stateNames = shell.t.admin.states as Record<string, string>;
  const items = consultations.map((c) =>
    h(
      'li',
      { class: 'consultation-item' },
      h(
        'p',
        {},
        h('a', { href: `/admin/consultations/${encodeURIComponent(c.id)}` }, c.name),
        ` — ${t.roundN(c.round)}, ${t.boxCount(c.boxes.length)}`,
      ),
      h(
        'ul',
        { class: 'boxes' },
        ...c.boxes.map((b) => {
          const state = b.electionId ? states.get(b.electionId) : undefined;
          const status = b.annulled
            ? stateNames.annulled
            : b.channel === 'paper'
              ? t.boxes.paper
              : (state && stateNames[state]) || '';
          return h(
            'li',
            {},
            b.electionId
              ? h('a', { href: `/admin/elections/${encodeURIComponent(b.electionId)}` }, b.label)
              : b.label,
            status ? ` — ${status}` : '',
          );
        }),
      ),
    ),
  );
  return h(
    'div',
    { class: 'consultations' },
    h('h3', {}, t.consultations),
    items.length === 0 ? h('p', {}, t.noConsultations) : h('ul', { class: 'consultation-list' }, ...items),
    createConsultationForm(shell, organisationId, timeZone),
  );
}
