/**
 * The operator console (/operator): the organisations of this server (names, creation dates and
 * sizes — never an election's content, which the API does not give the operator) and the form that
 * creates an organisation with its first admin.
 *
 * The first admin is mailed an invitation and chooses their own password (issue 15): the operator
 * never sees nor chooses it. The console says whether the mail server took the invitation.
 */

import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { isRecord } from '../kit/http.js';
import { Shell } from '../kit/staff-shell.js';

interface Organisation {
  id: string;
  name: string;
  createdAt: string;
  admins: number;
  elections: number;
}

/** What became of the last invitation sent from this page; survives a language switch, not a reload. */
let lastInvitation: { email: string; expiresAt: string; mail: string } | undefined;

const isOperator = (shell: Shell) =>
  isRecord(shell.account) && (shell.account as unknown as Record<string, unknown>).isOperator === true;

function formatDate(iso: string, shell: Shell): string {
  try {
    return new Intl.DateTimeFormat(shell.t.format.locale, { dateStyle: 'long' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

function invitationPanel(
  shell: Shell,
  sent: { email: string; expiresAt: string; mail: string },
): HTMLElement {
  const a = shell.t.accounts;
  return h(
    'p',
    { id: 'invitation-outcome', class: sent.mail === 'sent' ? '' : 'warning', tabindex: -1 },
    sent.mail === 'sent'
      ? a.operatorInvited(sent.email, new Date(sent.expiresAt).toLocaleString(shell.t.format.locale))
      : a.operatorNotMailed(sent.email),
  );
}

function organisationTable(shell: Shell, organisations: readonly Organisation[]): HTMLElement {
  const t = shell.t.ops.operator;
  if (organisations.length === 0) return h('p', {}, t.none);
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.table },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, t.organisations),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.name),
          h('th', { scope: 'col' }, t.created),
          h('th', { scope: 'col', class: 'number' }, t.admins),
          h('th', { scope: 'col', class: 'number' }, t.elections),
        ),
      ),
      h(
        'tbody',
        {},
        ...organisations.map((o) =>
          h(
            'tr',
            {},
            h('td', {}, o.name),
            h('td', {}, formatDate(o.createdAt, shell)),
            h('td', { class: 'number' }, String(o.admins)),
            h('td', { class: 'number' }, String(o.elections)),
          ),
        ),
      ),
    ),
  );
}

function creationForm(shell: Shell): HTMLElement {
  const t = shell.t.ops.operator;
  const name = h('input', { type: 'text', name: 'organisation', maxlength: 200, required: true });
  const adminName = h('input', { type: 'text', name: 'admin-name', maxlength: 200, required: true });
  const adminEmail = h('input', {
    type: 'email',
    name: 'admin-email',
    maxlength: 320,
    autocomplete: 'off',
    required: true,
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'create-heading' },
    h('h2', { id: 'create-heading' }, t.create),
    h('p', {}, shell.t.accounts.operatorCreateIntro),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const values = {
              name: name.value.trim(),
              displayName: adminName.value.trim(),
              email: adminEmail.value.trim(),
            };
            if (values.name === '' || values.displayName === '' || values.email === '')
              return shell.problem(t.missing);
            if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) return shell.problem(t.badEmail);
            shell.announce(t.progress);
            const answer = await shell.api.send<{ invitation: { expiresAt: string; mail: string } }>(
              'POST',
              '/api/v1/organisations',
              { name: values.name, admin: { email: values.email, displayName: values.displayName } },
            );
            if (!answer.ok) return shell.fail(answer.failure);
            lastInvitation = { email: values.email, ...answer.value.invitation };
            await render(shell, t.created_(values.name));
          },
        },
      },
      field(t.organisationName, name),
      field(t.adminName, adminName),
      field(t.adminEmail, adminEmail),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.submit)),
    ),
  );
}

async function render(shell: Shell, done?: string): Promise<void> {
  const t = shell.t.ops.operator;
  if (!shell.account) return shell.signIn(t.signInIntro, () => void render(shell));
  shell.frame(t.title);
  const heading = h('h1', { tabindex: -1 }, t.title);
  if (!isOperator(shell)) {
    replaceChildren(
      shell.screen,
      heading,
      h('p', {}, t.notOperator),
      h('p', {}, h('a', { href: '/admin' }, t.toAdmin)),
    );
    return focusElement(heading);
  }
  const answer = await shell.api.get<{ organisations: Organisation[] }>('/api/v1/organisations');
  if (!answer.ok) return shell.fail(answer.failure);
  const organisations =
    isRecord(answer.value) && Array.isArray(answer.value.organisations) ? answer.value.organisations : [];
  const panel = lastInvitation ? invitationPanel(shell, lastInvitation) : null;
  replaceChildren(
    shell.screen,
    heading,
    h('p', {}, t.intro),
    panel,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'organisations-heading' },
      h('h2', { id: 'organisations-heading' }, t.organisations),
      organisationTable(shell, organisations),
    ),
    creationForm(shell),
  );
  if (done) shell.announce(done);
  focusElement(panel ?? heading);
}

async function main(): Promise<void> {
  const shell: Shell = new Shell(() => void render(shell));
  await shell.restore();
  await render(shell);
}

void main();
