/**
 * The credentials card of the admin election page: the credential mode and how many voters have a
 * credential, what each mode protects against, the recovery choice and, while a draft, declining
 * recovery; public credentials from an external authority are uploaded by that authority, not here.
 */

import { confirmAction } from '../kit/confirm.js';
import { h } from '../kit/dom.js';
import { type CardContext, section } from './election-card.js';

export function credentialsCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin.credentials;
  const { election, voters } = ctx.loaded;
  const withCredential = voters.filter((v) => v.hasCredential).length;
  const { modes, recovery } = ctx.loaded;
  const lang = ctx.shell.language;
  // The modes as docs/threat-model.md describes them (served by the recovery routes), else ours.
  const explain =
    modes.length > 0
      ? h(
          'div',
          { class: 'modes' },
          ...modes.map((m) =>
            h(
              'div',
              { class: 'option', id: `mode-${m.id}` },
              h('h3', {}, m.name[lang], recovery?.modeId === m.id ? ` — ${t.current}` : ''),
              h('p', {}, h('strong', {}, t.protects), ' ', m.protects[lang]),
              h('p', {}, h('strong', {}, t.residualRisk), ' ', m.residualRisk[lang]),
              h('p', {}, h('strong', {}, t.recoveryPath), ' ', m.recovery[lang]),
            ),
          ),
        )
      : h(
          'div',
          { class: 'modes' },
          h('div', { class: 'option' }, h('h3', {}, t.server), h('p', {}, t.serverExplain)),
          h('div', { class: 'option' }, h('h3', {}, t.external), h('p', {}, t.externalExplain)),
        );
  const recoveryLine = recovery
    ? h(
        'p',
        { id: 'recovery-status' },
        t.recoveryChoice[recovery.recovery] ?? recovery.recovery,
        recovery.officer ? ` ${t.officerKey(recovery.officer.fingerprint)}` : '',
      )
    : null;
  // Issue 16: where the officer works (the page lists every election and box they serve).
  const officerLink =
    recovery?.recovery === 'escrow'
      ? h(
          'p',
          { class: 'hint', id: 'officer-page-link' },
          t.officerPage,
          ' ',
          h('a', { href: '/officer' }, '/officer'),
        )
      : null;
  const noRecovery =
    recovery &&
    ctx.draft &&
    recovery.recovery === 'undecided' &&
    election.credentialMode === 'server' &&
    withCredential === 0
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              on: {
                click: async () => {
                  if (
                    await confirmAction({
                      title: t.noRecoveryConfirm,
                      effects: t.noRecoveryEffects,
                      confirmLabel: t.noRecovery,
                      cancelLabel: ctx.shell.t.admin.cancel,
                    })
                  )
                    await ctx.change(
                      'POST',
                      '/recovery/no-recovery',
                      undefined,
                      () => ctx.shell.t.admin.saved,
                    );
                },
              },
            },
            t.noRecovery,
          ),
        )
      : null;
  const status = h(
    'p',
    { id: 'credential-status' },
    t.mode(t.modes[election.credentialMode] ?? election.credentialMode),
    ' ',
    t.withCredential(withCredential, voters.length),
  );
  if (!ctx.draft)
    return section('credentials-heading', t.heading, status, recoveryLine, officerLink, explain);
  return section(
    'credentials-heading',
    t.heading,
    status,
    recoveryLine,
    officerLink,
    noRecovery,
    h('p', { class: 'hint' }, t.recoveryHint),
    explain,
    h('h3', {}, t.uploadHeading),
    // Only the credential authority uploads public credentials, never an admin (issue 15): it knows
    // the private ones, and an admin who did too could vote for any voter who abstains.
    h(
      'p',
      { class: 'hint', id: 'upload-by-authority' },
      t.uploadByAuthority,
      ' ',
      h('a', { href: `/authority/${encodeURIComponent(election.id)}` }, `/authority/${election.id}`),
    ),
  );
}
