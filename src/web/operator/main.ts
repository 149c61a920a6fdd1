/**
 * The operator console (/operator): the organisations of this server (names, creation dates and
 * sizes — never an election's content, which the API does not give the operator) and the form that
 * creates an organisation with its first admin.
 *
 * The first admin's initial password is generated here, in the browser, and shown once: the
 * operator passes it on by a channel other than the admin's mailbox. It is sent to the server only
 * to be hashed, is kept in this page's memory only until the operator hides it, and is never put in
 * the address, storage or a log.
 */
import { isRecord } from '../admin/api.js';
import { field } from '../admin/field.js';
import { Shell } from '../admin/shell.js';
import { focusElement, h, replaceChildren } from '../booth/dom.js';

interface Organisation {
  id: string;
  name: string;
  createdAt: string;
  admins: number;
  elections: number;
}

/** Shown until the operator says it was passed on; survives a language switch, not a reload. */
let shownOnce: { email: string; password: string } | undefined;

/**
 * 24 characters from 49 without look-alikes (no 0/O/o, 1/l/I, 2/Z, 5/S, 6/b…), about 134 bits,
 * grouped by 4 to be read aloud: the same shape as `scrutin org create` prints.
 */
export function initialPassword(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  const limit = 256 - (256 % alphabet.length);
  const chars: string[] = [];
  while (chars.length < 24) {
    for (const byte of random(new Uint8Array(32))) {
      // Rejection sampling keeps every character equally likely.
      if (byte < limit && chars.length < 24) chars.push(alphabet[byte % alphabet.length]!);
    }
  }
  return [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const isOperator = (shell: Shell) =>
  isRecord(shell.account) && (shell.account as unknown as Record<string, unknown>).isOperator === true;

function formatDate(iso: string, shell: Shell): string {
  try {
    return new Intl.DateTimeFormat(shell.language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(
      new Date(iso),
    );
  } catch {
    return iso;
  }
}

function passwordPanel(shell: Shell, shown: { email: string; password: string }): HTMLElement {
  const t = shell.t.ops.operator;
  const heading = h('h2', { id: 'initial-password-heading', tabindex: -1 }, t.passwordHeading);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'initial-password-heading', id: 'initial-password' },
    heading,
    h('p', { class: 'warning' }, t.passwordOnce),
    h('p', {}, t.passwordFor(shown.email), ' ', h('code', { class: 'initial-password' }, shown.password)),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          on: {
            click: () => {
              shownOnce = undefined;
              void render(shell);
            },
          },
        },
        t.dismiss,
      ),
    ),
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
    h('p', {}, t.createIntro),
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
            const password = initialPassword((bytes) => crypto.getRandomValues(bytes));
            const answer = await shell.api.send('POST', '/api/v1/organisations', {
              name: values.name,
              admin: { email: values.email, displayName: values.displayName, password },
            });
            if (!answer.ok) return shell.fail(answer.failure);
            shownOnce = { email: values.email, password };
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
  const panel = shownOnce ? passwordPanel(shell, shownOnce) : null;
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
  focusElement(panel ? panel.querySelector<HTMLElement>('#initial-password-heading') : heading);
}

async function main(): Promise<void> {
  const shell: Shell = new Shell(() => void render(shell));
  await shell.restore();
  await render(shell);
}

void main();
