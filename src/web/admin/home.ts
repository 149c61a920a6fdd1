/**
 * The admin home (/admin): when one's account was set up and a form to change one's password; for
 * each organisation the account administers, its elections (with a form to create one as a draft)
 * and its people (admins and election role holders, with a form to add a person, who is mailed an
 * invitation to choose their own password, and actions to invite again, suspend, reinstate, remove).
 */

import { confirmAction } from '../kit/confirm.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { formatInstant } from '../kit/format.js';
import { isRecord } from '../kit/http.js';
import type { Shell } from '../kit/staff-shell.js';
import { isTimeZone } from '../kit/time.js';
import { accountBlock } from './account.js';
import { type ConsultationSummary, consultationsBlock } from './consultation-home.js';

interface Organisation {
  id: string;
  name: string;
}
interface ElectionSummary {
  id: string;
  name: string;
  state: string;
  closesAt: string | null;
  timeZone: string;
}
export interface Person {
  id: string;
  email: string;
  displayName: string;
  orgAdmin: boolean;
  status?: string;
  roles: { electionId: string; role: string }[];
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
  } catch {
    return 'Europe/Paris';
  }
}

export async function renderHome(shell: Shell): Promise<void> {
  const t = shell.t.admin;
  shell.frame(t.pageTitle);
  const heading = h('h1', { tabindex: -1 }, t.home.heading);
  replaceChildren(shell.screen, heading, h('p', { role: 'status' }, t.loading));
  const mine = await shell.api.get<{ organisations: Organisation[] }>('/api/v1/account/organisations');
  if (!mine.ok) return shell.fail(mine.failure);
  const organisations = mine.value.organisations;
  const sections: HTMLElement[] = [];
  for (const organisation of organisations) sections.push(await organisationSection(shell, organisation));
  replaceChildren(
    shell.screen,
    heading,
    ...accountBlock(shell),
    ...(sections.length > 0 ? sections : [h('p', {}, t.home.none)]),
  );
  focusElement(heading);
}

async function organisationSection(shell: Shell, organisation: Organisation): Promise<HTMLElement> {
  const t = shell.t.admin;
  const base = `/api/v1/organisations/${encodeURIComponent(organisation.id)}`;
  const [elections, members, consultations] = await Promise.all([
    shell.api.get<{ elections: ElectionSummary[] }>(`${base}/elections`),
    shell.api.get<{ members: Person[] }>(`${base}/members`),
    shell.api.get<{ consultations: ConsultationSummary[] }>(`${base}/consultations/boxes`),
  ]);
  const section = h('section', { class: 'card', 'aria-labelledby': `org-${organisation.id}` });
  const all = elections.ok ? elections.value.elections : [];
  const grouped = consultations.ok ? consultations.value.consultations : [];
  // Boxes are listed under their consultation, the other elections on their own.
  const boxes = new Set(grouped.flatMap((c) => c.boxes.map((b) => b.electionId)));
  const list = all.filter((e) => !boxes.has(e.id));
  const people = members.ok ? members.value.members : [];
  const names = new Map(all.map((e) => [e.id, e.name]));

  const electionTable =
    list.length === 0
      ? h('p', {}, t.home.noElections)
      : h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, t.home.elections),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t.home.electionName),
              h('th', { scope: 'col' }, t.home.state),
              h('th', { scope: 'col' }, t.home.closes),
            ),
          ),
          h(
            'tbody',
            {},
            ...list.map((e) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `/admin/elections/${encodeURIComponent(e.id)}` }, e.name)),
                h('td', {}, (t.states as Record<string, string>)[e.state] ?? e.state),
                h('td', {}, formatInstant(e.closesAt, e.timeZone, shell.language)),
              ),
            ),
          ),
        );

  const memberTable = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, t.home.members),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.home.memberName),
        h('th', { scope: 'col' }, t.home.memberEmail),
        h('th', { scope: 'col' }, t.home.memberRoles),
        h('th', { scope: 'col' }, shell.t.accounts.status),
        h('th', { scope: 'col' }, shell.t.accounts.actions),
      ),
    ),
    h(
      'tbody',
      {},
      ...people.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, p.displayName),
          h('td', {}, p.email),
          h(
            'td',
            {},
            [
              ...(p.orgAdmin ? [t.home.orgAdmin] : []),
              ...p.roles.map((r) =>
                t.home.roleOn(t.roles[r.role] ?? r.role, names.get(r.electionId) ?? r.electionId),
              ),
            ].join('; '),
          ),
          h('td', {}, shell.t.accounts.statuses[p.status ?? 'active'] ?? p.status ?? ''),
          h('td', {}, ...personActions(shell, base, p)),
        ),
      ),
    ),
  );

  section.append(
    h('h2', { id: `org-${organisation.id}` }, organisation.name),
    consultationsBlock(shell, organisation.id, grouped, all, browserTimeZone()),
    h('h3', {}, grouped.length > 0 ? shell.t.congressPages.otherElections : t.home.elections),
    electionTable,
    createElectionForm(shell, base),
    h('h3', {}, t.home.members),
    memberTable,
    addMemberForm(shell, base),
  );
  if (!elections.ok) shell.fail(elections.failure);
  return section;
}

function createElectionForm(shell: Shell, base: string): HTMLElement {
  const t = shell.t.admin.home;
  const name = h('input', { type: 'text', required: true, maxlength: 200 });
  const description = h('textarea', { rows: 3, maxlength: 5000 });
  const timeZone = h('input', {
    type: 'text',
    required: true,
    value: browserTimeZone(),
    maxlength: 64,
    autocomplete: 'off',
  });
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, t.create),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            if (name.value.trim() === '') return shell.problem(t.nameMissing);
            if (!isTimeZone(timeZone.value.trim())) return shell.problem(t.badTimeZone);
            const created = await shell.api.send<{ id: string }>('POST', `${base}/elections`, {
              name: name.value.trim(),
              description: description.value,
              timeZone: timeZone.value.trim(),
            });
            if (!created.ok) return shell.fail(created.failure);
            shell.announce(t.created(name.value.trim()));
            window.location.assign(`/admin/elections/${encodeURIComponent(created.value.id)}`);
          },
        },
      },
      field(t.name, name),
      field(t.description, description),
      field(t.timeZone, timeZone, t.timeZoneHint),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.createSubmit)),
    ),
  );
}

function addMemberForm(shell: Shell, base: string): HTMLElement {
  const t = shell.t.admin.home;
  const a = shell.t.accounts;
  const name = h('input', { type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  const email = h('input', { type: 'email', required: true, maxlength: 320, autocomplete: 'off' });
  const orgAdmin = h('input', { type: 'checkbox' });
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, t.addMember),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            if (name.value.trim() === '' || !email.value.includes('@')) return shell.problem(a.memberMissing);
            const added = await shell.api.send<{ invitation: { expiresAt: string; mail: string } }>(
              'POST',
              `${base}/members`,
              { email: email.value.trim(), displayName: name.value.trim(), orgAdmin: orgAdmin.checked },
            );
            if (!added.ok) return shell.fail(added.failure);
            const who = name.value.trim();
            const { invitation } = added.value;
            await renderHome(shell);
            shell.announce(
              invitation.mail === 'sent'
                ? a.invited(who, new Date(invitation.expiresAt).toLocaleString(shell.t.format.locale))
                : a.notMailed(who),
            );
          },
        },
      },
      h('p', { class: 'hint' }, a.addMemberIntro),
      field(shell.t.admin.home.memberName, name),
      field(shell.t.admin.home.memberEmail, email),
      field(t.makeOrgAdmin, orgAdmin),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.addMemberSubmit)),
    ),
  );
}

/** Invite again, suspend, reinstate, remove: never a password. One's own row has none. */
function personActions(shell: Shell, base: string, person: Person): HTMLElement[] {
  const a = shell.t.accounts;
  if (person.id === shell.account?.id) return [];
  const url = `${base}/members/${encodeURIComponent(person.id)}`;
  const button = (label: string, run: () => Promise<void>) =>
    h('button', { type: 'button', class: 'link-button', on: { click: () => void run() } }, label);
  const act = async (method: 'POST' | 'DELETE', path: string, done: string) => {
    const answer = await shell.api.send(method, path);
    if (!answer.ok) return shell.fail(answer.failure);
    await renderHome(shell);
    shell.announce(done);
  };
  const confirmed = (title: string, effect: string, label: string) =>
    confirmAction({
      title,
      effects: [effect],
      confirmLabel: label,
      cancelLabel: shell.t.admin.cancel,
      danger: true,
    });
  const actions: HTMLElement[] = [];
  if (person.status === 'invited')
    actions.push(button(a.resend, () => act('POST', `${url}/invitation`, a.resent(person.displayName))));
  if (person.status === 'suspended')
    actions.push(
      button(a.reinstate, () => act('POST', `${url}/reinstate`, a.reinstated(person.displayName))),
    );
  else
    actions.push(
      button(a.suspend, async () => {
        if (await confirmed(a.suspend, a.suspendConfirm(person.displayName), a.suspend))
          await act('POST', `${url}/suspend`, a.suspended(person.displayName));
      }),
    );
  actions.push(
    button(a.remove, async () => {
      if (await confirmed(a.remove, a.removeConfirm(person.displayName), a.remove))
        await act('DELETE', url, a.removed(person.displayName));
    }),
  );
  return actions;
}

export const asPeople = (value: unknown): Person[] =>
  isRecord(value) && Array.isArray(value.members) ? (value.members as Person[]) : [];
