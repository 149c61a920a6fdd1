/**
 * The roles card of the admin election page: who holds which role on this election, and the form
 * granting a role to a member of the organisation.
 */
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { type CardContext, section } from './election-card.js';

export function rolesCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  const { roles, people } = ctx.loaded;
  const list =
    roles.length === 0
      ? h('p', {}, t.people.none)
      : h('ul', {}, ...roles.map((r) => h('li', {}, `${r.displayName} — ${t.roles[r.role] ?? r.role}`)));
  if (people.length === 0) return section('roles-heading', t.people.heading, list);
  const person = h(
    'select',
    {},
    ...people.map((p) => h('option', { value: p.id }, `${p.displayName} (${p.email})`)),
  );
  const role = h(
    'select',
    {},
    ...(['scrutineer', 'trustee', 'credential-authority', 'election-admin'] as const).map((r) =>
      h('option', { value: r }, t.roles[r] ?? r),
    ),
  );
  const form = h(
    'form',
    {
      class: 'inline-form',
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const who = people.find((p) => p.id === person.value);
          await ctx.change('POST', '/roles', { accountId: person.value, role: role.value }, () =>
            t.people.granted(who?.displayName ?? '', t.roles[role.value] ?? role.value),
          );
        },
      },
    },
    field(t.people.person, person),
    field(t.people.role, role),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.people.grant)),
  );
  return section('roles-heading', t.people.heading, list, form);
}
