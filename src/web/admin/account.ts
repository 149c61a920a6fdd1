/**
 * One's own account on the staff pages (issue 15): the page an invitation or reset link opens
 * (/account/password#token=…, where the person chooses their password), "forgotten password" under
 * the sign-in form, "change my password" and when the account was set up on the admin home. The
 * token is read from the fragment (never sent to the server in a URL) and removed from the address
 * bar at once, so it stays in no history entry.
 */
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { field } from '../kit/field.js';
import type { Shell } from '../kit/staff-shell.js';

const passwordInput = (autocomplete: 'new-password' | 'current-password') =>
  h('input', { type: 'password', required: true, autocomplete, maxlength: 2048 });

/** /account/password: choose one's password with the token of an invitation or reset link. */
export function renderSetPassword(shell: Shell): void {
  const t = shell.t.accounts;
  shell.frame(t.setHeading);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash !== '') history.replaceState(null, '', window.location.pathname);
  const heading = h('h1', { tabindex: -1 }, t.setHeading);
  if (token === '') {
    replaceChildren(shell.screen, heading, h('p', { role: 'alert' }, t.noToken));
    focusElement(heading);
    return;
  }
  const password = passwordInput('new-password');
  const again = passwordInput('new-password');
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (password.value !== again.value) return shell.problem(t.mismatch);
          const set = await shell.api.send<{ email: string }>('POST', '/api/v1/auth/password-link', {
            token,
            password: password.value,
          });
          if (!set.ok) return shell.fail(set.failure);
          password.value = '';
          again.value = '';
          shell.clearMessages();
          replaceChildren(
            shell.screen,
            heading,
            h('p', { id: 'password-set', role: 'status' }, t.setDone(set.value.email)),
            h('p', {}, h('a', { href: '/admin' }, t.signInLink)),
          );
          focusElement(heading);
        },
      },
    },
    field(t.newPassword, password),
    field(t.confirmPassword, again),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.setSubmit)),
  );
  replaceChildren(shell.screen, heading, h('p', {}, t.setIntro), form);
  focusElement(heading);
}

/** Under the sign-in form: ask for a reset link (the answer is the same for any address). */
export function forgottenPanel(shell: Shell): HTMLElement {
  const t = shell.t.accounts;
  const email = h('input', { type: 'email', required: true, autocomplete: 'username', maxlength: 320 });
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, t.forgotten),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            if (!email.value.includes('@')) return shell.problem(shell.t.admin.signIn.missing);
            const asked = await shell.api.send('POST', '/api/v1/auth/password-reset', {
              email: email.value.trim(),
            });
            if (!asked.ok) return shell.fail(asked.failure);
            shell.announce(t.forgottenSent);
          },
        },
      },
      h('p', { class: 'hint' }, t.forgottenIntro),
      field(t.forgottenEmail, email),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t.forgottenSubmit)),
    ),
  );
}

/** On the admin home: when the account was set up, and a form to change one's password. */
export function accountBlock(shell: Shell): HTMLElement[] {
  const t = shell.t.accounts;
  const account = shell.account;
  const when = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(shell.t.format.locale) : '—';
  const current = passwordInput('current-password');
  const next = passwordInput('new-password');
  const again = passwordInput('new-password');
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (next.value !== again.value) return shell.problem(t.mismatch);
          const changed = await shell.api.send('POST', '/api/v1/account/password', {
            currentPassword: current.value,
            newPassword: next.value,
          });
          if (!changed.ok) return shell.fail(changed.failure);
          for (const input of [current, next, again]) input.value = '';
          shell.announce(t.changed);
        },
      },
    },
    field(t.currentPassword, current),
    field(t.newPassword, next),
    field(t.confirmPassword, again),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t.changeSubmit)),
  );
  return [
    h('p', { id: 'account-set-up' }, t.setUp(when(account?.createdAt), when(account?.passwordSetAt))),
    h('details', { class: 'panel' }, h('summary', {}, t.changePassword), form),
  ];
}
