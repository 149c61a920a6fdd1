/**
 * Delivery of credentials and passwords (src/server/routes/delivery.ts): per voter for the election
 * admin (each message's status with the mail server's reason, signed in, access tested, voted), as
 * counts for scrutineers, and the actions that queue messages (server-generated credentials,
 * passwords, the mass resend with its count previewed). Only statuses are shown, never a message.
 * When the server has no delivery routes, the section says tracking is not available.
 */

import { confirmAction } from '../kit/confirm.js';
import { deliveryBase as base, countsTable, fetchDeliveryCounts } from '../kit/delivery-counts.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { isRecord } from '../kit/http.js';
import type { Shell } from '../kit/staff-shell.js';

interface MessageSummary {
  status: string;
  attempts: number;
  lastReason: string | null;
}
interface VoterDelivery {
  voterId: string;
  login: string;
  hasCredential: boolean;
  credential: MessageSummary | null;
  password: MessageSummary | null;
  firstLoginAt: string | null;
  accessCheckedAt: string | null;
  voted: boolean;
}

/** The admin's delivery section: actions, counts and the per-voter table. */
export async function renderDelivery(
  shell: Shell,
  electionId: string,
  state: string,
  credentialMode: string,
  /** The election's recovery choice ('escrow', 'none', 'undecided'), when the server has recovery. */
  recovery: string | undefined,
  changed: (message: string) => Promise<void>,
): Promise<HTMLElement> {
  const t = shell.t.admin.delivery;
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'delivery-heading' },
    h('h2', { id: 'delivery-heading' }, t.heading),
  );
  const [voters, counts] = await Promise.all([
    shell.api.get<{ voters: VoterDelivery[] }>(`${base(electionId)}/voters`),
    fetchDeliveryCounts(shell, electionId),
  ]);
  if (!voters.ok || !counts) {
    section.append(h('p', { class: 'note' }, t.unavailable));
    return section;
  }
  const cancel = shell.t.admin.cancel;
  const send = async (path: string, body: unknown, done: (answer: unknown) => string) => {
    const answer = await shell.api.send('POST', `${base(electionId)}${path}`, body);
    if (!answer.ok) return shell.fail(answer.failure);
    await changed(done(answer.value));
  };
  const number = (answer: unknown, key: string) =>
    isRecord(answer) && typeof answer[key] === 'number' ? answer[key] : 0;
  const actions: HTMLElement[] = [];
  if (state === 'draft') {
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          on: {
            click: async () => {
              const c = shell.t.admin.credentials;
              if (
                await confirmAction({
                  title: c.generateConfirm,
                  effects: c.generateEffects(counts.voters),
                  confirmLabel: c.generate,
                  cancelLabel: cancel,
                })
              )
                await send('/credentials', undefined, (answer) =>
                  t.credentialsQueued(
                    number(answer, 'credentialMessages'),
                    isRecord(answer) && typeof answer.fingerprint === 'string' ? answer.fingerprint : '',
                  ),
                );
            },
          },
        },
        shell.t.admin.credentials.generate,
      ),
    );
  }
  if ((state === 'draft' || state === 'open') && credentialMode === 'external') {
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          on: {
            click: async () => {
              if (
                await confirmAction({
                  title: t.passwordsConfirm,
                  effects: t.passwordsEffects(counts.voters),
                  confirmLabel: t.passwords,
                  cancelLabel: cancel,
                })
              )
                await send('/passwords', { immediately: true }, (answer) =>
                  t.queued(number(answer, 'queued')),
                );
            },
          },
        },
        t.passwords,
      ),
    );
  }
  if (state === 'draft' || state === 'open') {
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          on: {
            click: async () => {
              const preview = await shell.api.send('POST', `${base(electionId)}/resend/preview`);
              if (!preview.ok) return shell.fail(preview.failure);
              const expectedCount = number(preview.value, 'count');
              if (
                await confirmAction({
                  title: t.resendConfirm(expectedCount),
                  effects: t.resendEffects(expectedCount),
                  confirmLabel: t.resend,
                  cancelLabel: cancel,
                })
              )
                await send('/resend', { expectedCount }, (answer) => t.queued(number(answer, 'queued')));
            },
          },
        },
        t.resend,
      ),
    );
  }
  if (state === 'draft' || state === 'open') {
    const settings = await shell.api.get<Settings & { mail?: string }>(`${base(electionId)}/settings`);
    if (settings.ok) {
      // Said first and plainly: without mail, the buttons below would only be refused.
      const mail = settings.value.mail;
      const notice = shell.t.ops.mail;
      if (mail === 'none' || mail === 'terminal-demo')
        section.firstElementChild?.after(
          h(
            'p',
            { class: 'warning', id: 'mail-notice' },
            mail === 'none' ? notice.notConfigured : notice.demo,
          ),
        );
      section.append(settingsForm(shell, electionId, state, settings.value, changed));
    }
  }
  // Help for one voter: before opening a new credential replaces a lost one; after opening, with a
  // recovery officer, a help-desk request the officer must approve (the same credential is re-sent).
  const help = (v: VoterDelivery): HTMLElement | string => {
    const r = shell.t.admin.recovery;
    const replace =
      state === 'draft' && credentialMode === 'server' && v.hasCredential && recovery !== undefined;
    const ask = state === 'open' && recovery === 'escrow';
    if (!replace && !ask) return '—';
    const label = replace ? r.replace(v.login) : r.ask(v.login);
    return h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        on: {
          click: async () => {
            const ok = await confirmAction({
              title: replace ? r.replaceConfirm(v.login) : r.askConfirm(v.login),
              effects: replace ? r.replaceEffects : r.askEffects,
              confirmLabel: label,
              cancelLabel: cancel,
            });
            if (!ok) return;
            const answer = await shell.api.send(
              'POST',
              `/api/v1/elections/${encodeURIComponent(electionId)}/recovery/${replace ? 'replacements' : 'help-desk-requests'}`,
              { voterId: v.voterId },
            );
            if (!answer.ok) return shell.fail(answer.failure);
            await changed(replace ? r.replaced(v.login) : r.asked(v.login));
          },
        },
      },
      label,
    );
  };
  const message = (m: MessageSummary | null) =>
    m === null ? '—' : `${t.statuses[m.status] ?? m.status}${m.lastReason ? ` (${m.lastReason})` : ''}`;
  section.append(
    actions.length > 0 ? h('div', { class: 'actions' }, ...actions) : '',
    countsTable(shell, counts),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.table },
      h(
        'table',
        { id: 'delivery-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              shell.t.admin.voters.login,
              t.kinds.credential ?? '',
              t.kinds.password ?? '',
              t.signedIn,
              t.accessTested,
              t.voted,
              t.helpColumn,
            ].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          ...voters.value.voters.map((v) =>
            h(
              'tr',
              {},
              h('td', {}, v.login),
              h('td', {}, message(v.credential)),
              h('td', {}, message(v.password)),
              h('td', {}, v.firstLoginAt ? shell.t.admin.yes : shell.t.admin.no),
              h('td', {}, v.accessCheckedAt ? shell.t.admin.yes : shell.t.admin.no),
              h('td', {}, v.voted ? shell.t.admin.yes : shell.t.admin.no),
              h('td', {}, help(v)),
            ),
          ),
        ),
      ),
    ),
  );
  return section;
}

interface Settings {
  loginMode: 'password' | 'one-time-code';
  passwordDelaySeconds: number;
  helpContact: string;
  defaultLanguage: 'fr' | 'en';
}

/** How voters sign in and when their password follows their credential; the sign-in mode is fixed at opening. */
function settingsForm(
  shell: Shell,
  electionId: string,
  state: string,
  current: Settings,
  changed: (message: string) => Promise<void>,
): HTMLElement {
  const t = shell.t.admin.delivery;
  const mode = h(
    'select',
    { disabled: state !== 'draft' },
    h('option', { value: 'password', selected: current.loginMode === 'password' }, t.modePassword),
    h('option', { value: 'one-time-code', selected: current.loginMode === 'one-time-code' }, t.modeCode),
  );
  const delay = h('input', {
    type: 'number',
    min: 0,
    max: 10080,
    value: Math.round(current.passwordDelaySeconds / 60),
    inputmode: 'numeric',
  });
  const help = h('input', { type: 'text', maxlength: 300, value: current.helpContact });
  const language = h(
    'select',
    {},
    ...(['fr', 'en'] as const).map((code) =>
      h(
        'option',
        { value: code, selected: current.defaultLanguage === code },
        shell.t.admin.delivery.languages[code] ?? code,
      ),
    ),
  );
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, t.settings),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const minutes = Number(delay.value);
            if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10080)
              return shell.problem(t.badDelay);
            const answer = await shell.api.send('PUT', `${base(electionId)}/settings`, {
              loginMode: mode.value,
              passwordDelaySeconds: minutes * 60,
              helpContact: help.value.trim(),
              defaultLanguage: language.value,
            });
            if (!answer.ok) return shell.fail(answer.failure);
            await changed(shell.t.admin.saved);
          },
        },
      },
      field(t.loginMode, mode, t.loginModeHint),
      field(t.delay, delay, t.delayHint),
      field(t.help, help),
      field(t.language, language),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.saveSettings)),
    ),
  );
}
