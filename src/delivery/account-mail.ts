/**
 * The two messages a staff account's person receives about their password: an invitation (someone
 * added them; they choose their own password) and a reset link (they asked, having forgotten it).
 * The link carries its token in the fragment, which browsers never send to a server, so it reaches
 * no access log or Referer. The person's language is not known when they are invited: each message
 * is written in French, then English. Names come from admins: the HTML part escapes them.
 *
 * These messages go out at once through the server's mail transport, not through the voters'
 * outbox (which is per election and per voter): the answer to the admin says whether the mail
 * server accepted the message, and a failed invitation is sent again from the people list.
 */
import type { AccountMail, AccountMailInput, AccountMailOutcome } from '../accounts/account-mail.js';
import { NOT_SENT_REASON, type OutgoingMessage, type SendResult, type Transport } from './transport.js';

export type { AccountMailInput, AccountMailOutcome, AccountMailPurpose } from '../accounts/account-mail.js';

function texts(input: AccountMailInput) {
  const until = input.expiresAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const where = input.organisationName ?? 'Scrutin';
  if (input.purpose === 'invitation')
    return {
      subject: `Invitation : ${where} / Invitation: ${where}`,
      fr: [
        `Bonjour ${input.displayName},`,
        `Un compte Scrutin a été créé pour vous (${where}). Choisissez vous-même votre mot de passe en ouvrant ce lien, utilisable une seule fois, jusqu'au ${until} :`,
        input.link,
        "Personne d'autre ne connaît ni ne choisit votre mot de passe. Si vous n'attendiez pas ce message, ignorez-le.",
      ],
      en: [
        `Hello ${input.displayName},`,
        `A Scrutin account was created for you (${where}). Choose your own password by opening this link, usable once, until ${until}:`,
        input.link,
        'Nobody else knows or chooses your password. If you did not expect this message, ignore it.',
      ],
    };
  return {
    subject: 'Nouveau mot de passe / New password',
    fr: [
      `Bonjour ${input.displayName},`,
      `Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte Scrutin. Ouvrez ce lien, utilisable une seule fois, jusqu'au ${until} :`,
      input.link,
      "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.",
    ],
    en: [
      `Hello ${input.displayName},`,
      `Someone (probably you) asked to change the password of your Scrutin account. Open this link, usable once, until ${until}:`,
      input.link,
      'If you did not ask, ignore this message: your current password stays valid.',
    ],
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function accountMessage(input: AccountMailInput, messageId: string): OutgoingMessage {
  const { subject, fr, en } = texts(input);
  const html = [...fr, '—', ...en]
    .map((line) =>
      line === input.link
        ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>`
        : `<p>${escapeHtml(line)}</p>`,
    )
    .join('\n');
  return {
    id: messageId,
    electionId: '',
    voterId: input.accountId,
    channel: 'email',
    to: input.to,
    subject,
    text: `${fr.join('\n\n')}\n\n—\n\n${en.join('\n\n')}\n`,
    html,
    messageId: `<${messageId}@scrutin.invalid>`,
    language: 'fr',
  };
}

/** Sends at once; a transport that only notes messages (no mail server) answers `not-sent`. */
export async function sendAccountMail(
  transport: Transport | undefined,
  input: AccountMailInput,
  messageId: string,
): Promise<{ outcome: AccountMailOutcome; reason?: string }> {
  if (transport === undefined) return { outcome: 'not-sent' };
  const result: SendResult = await transport.send(accountMessage(input, messageId));
  if (result.kind === 'accepted') return { outcome: 'sent' };
  return { outcome: /^not sent/.test(result.reason) ? 'not-sent' : 'failed', reason: result.reason };
}

/** The accounts' mail port (src/accounts/account-mail.ts) over this transport. */
export function transportAccountMail(transport: Transport | undefined): AccountMail {
  return { send: (input, messageId) => sendAccountMail(transport, input, messageId) };
}

/**
 * `scrutin demo` only (no mail server, one person at their own terminal, which already shows the
 * demo voters' passwords): the link is written there instead of mailed, and the message is
 * answered "not sent". Never used by `scrutin serve`, whose output is a log.
 */
export function demoTerminalTransport(write: (line: string) => void): Transport {
  return {
    channel: 'email',
    async send(message) {
      const link = /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(message.text)?.[0] ?? '(no link)';
      write(`demo: ${message.subject} for ${message.to} (not mailed): ${link}`);
      return { kind: 'permanent', reason: NOT_SENT_REASON };
    },
    async close() {},
  };
}
