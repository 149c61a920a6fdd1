/**
 * The roll of a whole consultation: one CSV with a federation column, chosen as a file or pasted,
 * sent as is; the server checks every line and answers the problems with their line numbers in the
 * whole file (shown as they are), and imports nothing unless the whole file is right.
 */

import { type AdminConsultation, consultationApi } from '../kit/consultation/types.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import type { Shell } from '../kit/staff-shell.js';

export function rollCard(
  shell: Shell,
  view: AdminConsultation,
  refresh: (message: string) => Promise<void>,
): HTMLElement {
  const t = shell.t.congressPages.roll;
  const drafts = view.boxes.every(
    (b) => b.channel !== 'online' || b.annulment !== null || b.state === 'draft',
  );
  const section = (...children: (HTMLElement | null)[]) =>
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'roll-heading' },
      h('h2', { id: 'roll-heading' }, t.heading),
      ...children,
    );
  if (!drafts) return section(h('p', { class: 'note' }, t.frozen));
  const file = h('input', { id: 'roll-file', type: 'file', accept: '.csv,text/csv,text/plain' });
  const text = h('textarea', { id: 'roll-text', rows: 6, spellcheck: false, class: 'mono' });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const chosen = file.files?.[0];
          const csv = chosen ? await chosen.text() : text.value;
          if (csv.trim() === '') return shell.problem(t.empty);
          const answer = await shell.api.send<{ imported: Record<string, number> }>(
            'PUT',
            `${consultationApi(view.id)}/voters`,
            { csv },
          );
          if (!answer.ok) return shell.fail(answer.failure);
          const parts = Object.entries(answer.value.imported).map(([box, n]) => t.part(box, n));
          await refresh(t.imported(parts.join(', ')));
        },
      },
    },
    h('p', { class: 'hint' }, t.intro),
    field(t.file, file),
    field(t.text, text),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.submit)),
  );
  return section(form);
}
