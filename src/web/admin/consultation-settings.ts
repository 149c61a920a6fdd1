/**
 * The consultation-wide settings card (issue #16 point 1): recovery (escrow with a named officer, or
 * explicitly none), how voters sign in, the password delay, the help contact, the default language,
 * the channel of passwords and codes (SMS offered only when the server has a gateway, or already
 * chosen) and the scrutineers, set once for every box. The answer says which boxes keep their own value of
 * a setting (an override made on the box's page).
 */

import {
  type AdminConsultation,
  type ConsultationSettings,
  consultationApi,
} from '../kit/consultation/types.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import type { Shell } from '../kit/staff-shell.js';

interface Person {
  id: string;
  displayName: string;
  email: string;
}

export async function settingsCard(
  shell: Shell,
  view: AdminConsultation,
  refresh: (message: string) => Promise<void>,
): Promise<HTMLElement> {
  const t = shell.t.congressPages.settings;
  const people = await shell.api.get<{ members: Person[] }>(
    `/api/v1/organisations/${encodeURIComponent(view.organisationId)}/members`,
  );
  const members = people.ok ? people.value.members : [];
  const s = view.settings;
  const option = (value: string, label: string, selected: boolean) =>
    h('option', { value, ...(selected ? { selected: true } : {}) }, label);
  const recovery = h(
    'select',
    { id: 'settings-recovery' },
    option('', t.recoveryUnset, s.recovery === null),
    option('escrow', t.recoveryEscrow, s.recovery === 'escrow'),
    option('none', t.recoveryNone, s.recovery === 'none'),
  );
  const officer = h(
    'select',
    { id: 'settings-officer' },
    option('', t.noOfficer, s.officer === null),
    ...members.map((m) => option(m.id, `${m.displayName} <${m.email}>`, s.officer === m.id)),
  );
  const loginMode = h(
    'select',
    { id: 'settings-login' },
    option('password', t.loginPassword, s.loginMode === 'password'),
    option('one-time-code', t.loginCode, s.loginMode === 'one-time-code'),
  );
  const delay = h('input', {
    id: 'settings-delay',
    type: 'number',
    min: '0',
    max: String(7 * 24 * 60),
    value: String(Math.round(s.passwordDelaySeconds / 60)),
  });
  const help = h('input', { id: 'settings-help', type: 'text', maxlength: '300', value: s.helpContact });
  const language = h(
    'select',
    { id: 'settings-language' },
    option('fr', 'Français', s.defaultLanguage === 'fr'),
    option('en', 'English', s.defaultLanguage === 'en'),
  );
  const bySms = s.secretChannel === 'sms';
  const channel = h(
    'select',
    { id: 'settings-channel' },
    option('email', t.channelEmail, !bySms),
    ...(view.sms === 'http' || bySms ? [option('sms', t.channelSms, bySms)] : []),
  );
  const checks = members.map((m) => {
    const box = h('input', {
      type: 'checkbox',
      id: `settings-scrutineer-${m.id}`,
      value: m.id,
      ...(s.scrutineers.includes(m.id) ? { checked: true } : {}),
    });
    return { box, row: field(`${m.displayName} <${m.email}>`, box) };
  });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const minutes = Number(delay.value);
          if (!Number.isInteger(minutes) || minutes < 0) return shell.problem(t.badDelay);
          const body: ConsultationSettings = {
            recovery: recovery.value === '' ? null : (recovery.value as 'escrow' | 'none'),
            officer: officer.value === '' ? null : officer.value,
            loginMode: loginMode.value as ConsultationSettings['loginMode'],
            passwordDelaySeconds: minutes * 60,
            helpContact: help.value.trim(),
            defaultLanguage: language.value as 'fr' | 'en',
            secretChannel: channel.value as 'email' | 'sms',
            scrutineers: checks.filter((c) => c.box.checked).map((c) => c.box.value),
          };
          const answer = await shell.api.send<{ boxes: { label: string; kept: string[] }[] }>(
            'PUT',
            `${consultationApi(view.id)}/settings`,
            body,
          );
          if (!answer.ok) return shell.fail(answer.failure);
          const kept = answer.value.boxes.filter((b) => b.kept.length > 0).map((b) => b.label);
          await refresh(kept.length === 0 ? t.saved : t.savedKept(kept.join(', ')));
        },
      },
    },
    h('p', { class: 'hint' }, t.intro),
    field(t.recovery, recovery, t.recoveryHint),
    field(t.officer, officer, t.officerHint),
    field(t.login, loginMode),
    field(t.delay, delay, t.delayHint),
    field(t.help, help, t.helpHint),
    field(t.language, language),
    field(t.channel, channel, view.sms === 'http' ? t.channelHint : t.channelNoGateway),
    h(
      'fieldset',
      {},
      h('legend', {}, t.scrutineers),
      h('p', { class: 'hint' }, t.scrutineersHint),
      ...(checks.length > 0 ? checks.map((c) => c.row) : [h('p', { class: 'hint' }, t.nobody)]),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.submit)),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'settings-heading', id: 'consultation-settings' },
    h('h2', { id: 'settings-heading' }, t.heading),
    form,
  );
}
