/**
 * The voter roll card of the admin election page: the table of voters (with whether each has a
 * credential) and, while a draft, the CSV import confirmed before it replaces the roll. Once
 * credentials are issued the roll changes one voter at a time (issue 15): each row has its actions
 * (correct the address; before opening also change the weight, remove), and a voter is added by a
 * line; each is confirmed, recorded in the audit log and shown to scrutineers.
 */

import { confirmAction } from '../kit/confirm.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { isRecord } from '../kit/http.js';
import { type CardContext, section, type Voter } from './election-card.js';

/** One voter's action: a dialog asking for the value (if any), then the request. */
async function voterAction(
  ctx: CardContext,
  options: { title: string; effects: string[]; label: string; input?: HTMLInputElement; danger?: boolean },
  send: (value: string) => [string, unknown],
): Promise<void> {
  const { input } = options;
  const ok = await confirmAction({
    title: options.title,
    effects: options.effects,
    confirmLabel: options.label,
    cancelLabel: ctx.shell.t.admin.cancel,
    ...(input ? { fields: [field(options.title, input)] } : {}),
    ...(input ? { validate: () => (input.value.trim() === '' ? options.title : undefined) } : {}),
    ...(options.danger ? { danger: true } : {}),
  });
  if (!ok) return;
  const [path, body] = send(input?.value.trim() ?? '');
  await ctx.change('POST', path, body, () => ctx.shell.t.roll.page.done);
}

function rowActions(ctx: CardContext, v: Voter, open: boolean): HTMLElement {
  const r = ctx.shell.t.roll.page;
  // Each button names its voter for screen readers (and tests): "Correct the address – ann".
  const button = (label: string, run: () => Promise<void>) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'aria-label': `${label} – ${v.login}`,
        on: { click: () => void run() },
      },
      label,
    );
  const address = button(r.correctAddress, () =>
    voterAction(
      ctx,
      {
        title: r.newAddress(v.login),
        effects: [r.notice],
        label: r.correctAddress,
        input: h('input', { type: 'email', autocomplete: 'off' }),
      },
      (email) => [`/voters/${encodeURIComponent(v.id)}/address`, { email }],
    ),
  );
  if (open) return h('td', {}, address);
  const weight = button(r.changeWeight, () =>
    voterAction(
      ctx,
      {
        title: r.newWeight(v.login),
        effects: [r.notice],
        label: r.changeWeight,
        input: h('input', { type: 'text', inputmode: 'numeric', value: v.weight }),
      },
      (value) => [`/voters/${encodeURIComponent(v.id)}/weight`, { weight: value }],
    ),
  );
  const remove = button(r.removeVoter, () =>
    voterAction(
      ctx,
      { title: r.confirmRemove(v.login), effects: [r.notice], label: r.removeVoter, danger: true },
      () => [`/voters/${encodeURIComponent(v.id)}/remove`, {}],
    ),
  );
  return h('td', { class: 'actions' }, address, weight, remove);
}

/** "email,login,weight,name[,language]" typed in one line, for adding one voter. */
function newVoterOf(line: string) {
  const [email = '', login = '', weight = '', displayName = '', language = ''] = line
    .split(',')
    .map((f) => f.trim());
  return {
    email,
    ...(login ? { login } : {}),
    ...(weight ? { weight } : {}),
    ...(displayName ? { displayName } : {}),
    ...(language ? { language } : {}),
  };
}

export function votersCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin.voters;
  const r = ctx.shell.t.roll.page;
  const voters = ctx.loaded.voters;
  const state = ctx.loaded.election.state;
  // Per-voter actions: before opening, and after opening for an address only.
  const actions = state === 'draft' || state === 'open';
  const issued = voters.some((v) => v.hasCredential);
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
                ...(actions ? [h('th', { scope: 'col' }, r.heading)] : []),
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
                  ...(actions ? [rowActions(ctx, v, state === 'open')] : []),
                ),
              ),
            ),
          ),
        );
  if (!ctx.draft)
    return section(
      'voters-heading',
      t.heading,
      h('p', {}, t.count(voters.length)),
      ...(state === 'open' ? [h('p', { class: 'hint' }, r.notice)] : []),
      table,
    );
  const newVoter = h('input', { type: 'text', autocomplete: 'off', class: 'mono', id: 'new-voter' });
  const addForm = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (newVoter.value.trim() === '') return ctx.shell.problem(r.addPrompt);
          const ok = await confirmAction({
            title: r.addVoter,
            effects: [newVoter.value.trim(), r.notice],
            confirmLabel: r.addVoter,
            cancelLabel: ctx.shell.t.admin.cancel,
          });
          if (!ok) return;
          await ctx.change('POST', '/voters', newVoterOf(newVoter.value), () => r.done);
        },
      },
    },
    field(r.addPrompt, newVoter),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, r.addVoter)),
  );
  // Once credentials are issued, an import only accepts the same roll: the per-voter actions instead.
  if (issued)
    return section(
      'voters-heading',
      t.heading,
      h('p', {}, t.count(voters.length)),
      h('p', { class: 'hint' }, r.notice),
      table,
      addForm,
    );
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
  return section('voters-heading', t.heading, h('p', {}, t.count(voters.length)), table, form, addForm);
}
