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
import { formatInstant } from '../kit/format.js';
import { isRecord } from '../kit/http.js';
import type { Shell } from '../kit/staff-shell.js';

interface MessageSummary {
  channel?: 'email' | 'sms';
  status: string;
  attempts: number;
  lastReason: string | null;
}
interface VoterDelivery {
  voterId: string;
  login: string;
  email: string;
  phone?: string | null;
  hasCredential: boolean;
  credential: MessageSummary | null;
  password: MessageSummary | null;
  firstLoginAt: string | null;
  accessCheckedAt: string | null;
  voted: boolean;
}

/** One recovery request as GET …/recovery/requests lists it (what this page reads of it). */
interface RecoveryRequest {
  voterId: string;
  origin: 'voter' | 'help-desk' | 'address-correction';
  state: 'pending' | 'approved' | 'rejected' | 'completed';
  createdAt: string;
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
  const vh = shell.t.voterHelp.page;
  const settings =
    state === 'draft' || state === 'open'
      ? await shell.api.get<Settings & { mail?: string; sms?: string }>(`${base(electionId)}/settings`)
      : undefined;
  const current = settings?.ok ? settings.value : undefined;
  // Issue 16: each voter's recovery requests (from "I lost my credential" or the help desk), in the help column.
  const requests = new Map<string, RecoveryRequest[]>();
  if (recovery === 'escrow') {
    const listed = await shell.api.get<{ requests: RecoveryRequest[] }>(
      `/api/v1/elections/${encodeURIComponent(electionId)}/recovery/requests`,
    );
    if (listed.ok)
      for (const r of listed.value.requests) requests.set(r.voterId, [...(requests.get(r.voterId) ?? []), r]);
  }
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const requestList = (v: VoterDelivery) => {
    const mine = requests.get(v.voterId) ?? [];
    if (mine.length === 0) return null;
    return h(
      'ul',
      { class: 'recovery-requests' },
      ...mine.map((r) =>
        h(
          'li',
          {},
          vh.recoveryRequest(
            vh.recoveryOrigins[r.origin] ?? r.origin,
            formatInstant(r.createdAt, localZone, shell.language),
            vh.recoveryStates[r.state] ?? r.state,
          ),
        ),
      ),
    );
  };
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
              const byChannel =
                isRecord(preview.value) && isRecord(preview.value.byChannel) ? preview.value.byChannel : {};
              const kind =
                isRecord(preview.value) && preview.value.kind === 'reminder' ? 'reminder' : 'password';
              if (
                await confirmAction({
                  title: t.resendConfirm(expectedCount),
                  effects: vh.resendEffects(
                    kind,
                    typeof byChannel.email === 'number' ? byChannel.email : expectedCount,
                    typeof byChannel.sms === 'number' ? byChannel.sms : 0,
                  ),
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
  if (settings !== undefined) {
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
  // Help for one voter (issue 16): each action's dialog says what is sent, where, and what it
  // invalidates. Before opening a new credential replaces a lost one; after opening, with a recovery
  // officer, a help-desk request the officer must approve (the same credential is re-sent).
  const help = (v: VoterDelivery): HTMLElement | string => {
    const r = shell.t.admin.recovery;
    const live = state === 'draft' || state === 'open';
    const bySms = current?.secretChannel === 'sms' && typeof v.phone === 'string' && v.phone !== '';
    const where = vh.to(bySms ? `${v.phone} (${vh.bySms})` : v.email);
    const buttons: HTMLElement[] = [];
    const action = (
      label: string,
      dialog: {
        title: string;
        effects: string[];
        fields?: HTMLElement[];
        validate?: () => string | undefined;
      },
      run: () => Promise<void>,
    ) =>
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            'aria-label': `${label} – ${v.login}`,
            on: {
              click: async () => {
                if (await confirmAction({ ...dialog, confirmLabel: label, cancelLabel: cancel })) await run();
              },
            },
          },
          label,
        ),
      );
    const post = async (path: string, body: unknown, done: (answer: unknown) => string) => {
      const answer = await shell.api.send(
        'POST',
        `/api/v1/elections/${encodeURIComponent(electionId)}${path}`,
        body,
      );
      if (!answer.ok) return shell.fail(answer.failure);
      await changed(done(answer.value));
    };
    if (state === 'draft' && credentialMode === 'server' && v.hasCredential && recovery !== undefined)
      action(
        vh.resendCredential,
        { title: vh.resendCredentialConfirm(v.login), effects: vh.resendCredentialEffects(v.email) },
        () => post('/recovery/replacements', { voterId: v.voterId }, () => r.replaced(v.login)),
      );
    if (state === 'open' && recovery === 'escrow')
      action(r.ask(v.login), { title: r.askConfirm(v.login), effects: r.askEffects }, () =>
        post('/recovery/help-desk-requests', { voterId: v.voterId }, () => r.asked(v.login)),
      );
    if (live && current?.loginMode === 'password' && v.hasCredential)
      action(
        vh.resendPassword,
        { title: vh.resendPasswordConfirm(v.login), effects: vh.resendPasswordEffects(where) },
        () => post('/delivery/passwords/help-desk', { voterId: v.voterId }, () => vh.passwordSent(v.login)),
      );
    if (
      (state === 'open' || (state === 'draft' && current?.loginMode === 'one-time-code')) &&
      v.hasCredential
    )
      action(vh.sendCode, { title: vh.sendCodeConfirm(v.login), effects: vh.sendCodeEffects(where) }, () =>
        post('/delivery/codes/help-desk', { voterId: v.voterId }, (answer) => {
          const outcome = isRecord(answer) ? answer.outcome : undefined;
          return outcome === 'sent'
            ? vh.codeSent(v.login)
            : outcome === 'recent'
              ? vh.codeRecent(v.login)
              : vh.codeNotAvailable;
        }),
      );
    if (live) {
      const input = h('input', { type: 'email', autocomplete: 'off', value: v.email });
      const title = shell.t.roll.page.newAddress(v.login);
      action(
        vh.correctAddress,
        {
          title,
          effects: vh.correctAddressEffects(state === 'open'),
          fields: [field(title, input)],
          validate: () => (input.value.trim() === '' ? title : undefined),
        },
        () =>
          post(
            `/voters/${encodeURIComponent(v.voterId)}/address`,
            { email: input.value.trim() },
            () => shell.t.roll.page.done,
          ),
      );
    }
    if (live) {
      const phone = h('input', {
        type: 'tel',
        autocomplete: 'off',
        inputmode: 'tel',
        value: typeof v.phone === 'string' ? v.phone : '',
      });
      const title = vh.newPhone(v.login);
      const smsChannel = current?.secretChannel === 'sms';
      action(
        vh.correctPhone,
        {
          title,
          effects: vh.correctPhoneEffects(
            smsChannel,
            smsChannel && current?.loginMode === 'password' && v.hasCredential,
          ),
          fields: [field(title, phone, vh.phoneHint)],
          // The server checks it too; this only spares a round trip for a number typed the national way.
          validate: () => {
            const compact = phone.value.replace(/[\s.()-]/g, '');
            return compact === '' || /^\+[1-9][0-9]{6,14}$/.test(compact) ? undefined : vh.phoneFormat;
          },
        },
        () =>
          post(`/voters/${encodeURIComponent(v.voterId)}/phone`, { phone: phone.value.trim() }, (answer) =>
            isRecord(answer) && answer.passwordSent === true
              ? vh.phoneCorrectedPassword(v.login)
              : vh.phoneCorrected(v.login),
          ),
      );
    }
    const listed = requestList(v);
    if (buttons.length === 0) return listed ?? '—';
    const row = h('div', { class: 'actions' }, ...buttons);
    return listed ? h('div', {}, listed, row) : row;
  };
  const message = (m: MessageSummary | null) =>
    m === null
      ? '—'
      : `${t.statuses[m.status] ?? m.status}${m.channel === 'sms' ? ` (${vh.bySms})` : ''}${m.lastReason ? ` (${m.lastReason})` : ''}`;
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
  secretChannel?: 'email' | 'sms';
  receiptMail?: boolean;
  sms?: string;
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
  const vh = shell.t.voterHelp.page;
  const receipt = h('input', { type: 'checkbox', checked: current.receiptMail === true });
  // SMS is offered only where a gateway is configured; a choice made earlier stays shown.
  const smsPossible = current.sms === 'http' || current.secretChannel === 'sms';
  const channel = h(
    'select',
    {},
    h('option', { value: 'email', selected: current.secretChannel !== 'sms' }, vh.channelEmail),
    ...(smsPossible
      ? [h('option', { value: 'sms', selected: current.secretChannel === 'sms' }, vh.channelSms)]
      : []),
  );
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
              secretChannel: channel.value,
              receiptMail: receipt.checked,
            });
            if (!answer.ok) return shell.fail(answer.failure);
            await changed(shell.t.admin.saved);
          },
        },
      },
      field(t.loginMode, mode, t.loginModeHint),
      field(t.delay, delay, t.delayHint),
      field(vh.channel, channel, smsPossible ? vh.channelHint : vh.smsUnavailable),
      field(t.help, help),
      h('p', {}, h('label', {}, receipt, ' ', vh.receiptMail)),
      field(t.language, language),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.saveSettings)),
    ),
  );
}
