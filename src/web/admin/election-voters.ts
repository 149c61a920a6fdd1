/**
 * The voter roll card of the admin election page: the table of voters (with whether each has a
 * credential) and, while a draft, the CSV import confirmed before it replaces the roll.
 */
import { h } from '../booth/dom.js';
import { isRecord } from './api.js';
import { confirmAction } from './confirm.js';
import { type CardContext, section } from './election-card.js';
import { field } from './field.js';

export function votersCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin.voters;
  const voters = ctx.loaded.voters;
  const table =
    voters.length === 0
      ? h('p', {}, t.none)
      : h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.table },
          h(
            'table',
            { id: 'voter-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[t.login, t.name, t.email, t.weight, t.credential].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...voters.map((v) =>
                h(
                  'tr',
                  {},
                  h('td', {}, v.login),
                  h('td', {}, v.displayName),
                  h('td', {}, v.email),
                  h('td', {}, v.weight),
                  h('td', {}, v.hasCredential ? ctx.shell.t.admin.yes : ctx.shell.t.admin.no),
                ),
              ),
            ),
          ),
        );
  if (!ctx.draft) return section('voters-heading', t.heading, h('p', {}, t.count(voters.length)), table);
  const csv = h('textarea', { rows: 6, spellcheck: false, class: 'mono' });
  const file = h('input', {
    type: 'file',
    accept: '.csv,text/csv,text/plain',
    on: {
      change: async () => {
        const chosen = file.files?.[0];
        if (chosen) csv.value = await chosen.text();
      },
    },
  });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const lines = csv.value.split(/\r?\n/).filter((l) => l.trim() !== '').length;
          if (lines === 0) return ctx.shell.problem(t.empty);
          const ok = await confirmAction({
            title: t.confirmTitle,
            effects: t.confirmEffects(lines),
            confirmLabel: t.import,
            cancelLabel: ctx.shell.t.admin.cancel,
          });
          if (!ok) return;
          await ctx.change('PUT', '/voters', { csv: csv.value }, (answer) =>
            t.imported(isRecord(answer) && typeof answer.imported === 'number' ? answer.imported : 0),
          );
        },
      },
    },
    field(t.csv, csv, t.csvHint),
    field(t.file, file),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.import)),
  );
  return section('voters-heading', t.heading, h('p', {}, t.count(voters.length)), table, form);
}
