/**
 * `scrutin operator create` and `scrutin org create`: the accounts a fresh store needs before anyone
 * can sign in, created through the same functions as the operator's HTTP route
 * (src/accounts/organisations.ts). They open the store like `scrutin serve` does — bringing its
 * schema up to date first — so day one is `operator create` on an empty database, with no separate
 * `migrate` step to forget. A refusal (bad email, weak password, taken email) prints why, exits 1,
 * and writes nothing.
 */

import { randomBytes } from 'node:crypto';
import { createOperator, createOrganisation } from '../../accounts/organisations.js';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../accounts/password.js';
import { systemClock } from '../../core/clock.js';
import { mailTransportFromEnvironment, sendAccountMail, smtpConfigured } from '../../delivery/index.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { type CliMessages, CliRefusal, cliMessages } from './messages.js';
import { readNewPassword } from './prompt.js';

/** Same bounds as the HTTP route's schema, plus the shape of an address (someone@somewhere). */
function checkEmail(email: string, messages: CliMessages): string {
  const trimmed = email.trim();
  if (trimmed.length < 3 || trimmed.length > 320 || !/^[^@\s]+@[^@\s]+$/.test(trimmed))
    throw new CliRefusal(messages.badEmail(email));
  return trimmed;
}

function checkName(name: string, messages: CliMessages): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw new CliRefusal(messages.badName);
  return trimmed;
}

function refusal(
  outcome:
    | { kind: 'email-taken' }
    | { kind: 'weak-password'; rule: 'too-short' | 'too-long' | 'common' }
    | { kind: 'control-character'; field: string },
  email: string,
  messages: CliMessages,
): CliRefusal {
  if (outcome.kind === 'email-taken') return new CliRefusal(messages.emailTaken(email));
  if (outcome.kind === 'control-character')
    return new CliRefusal(outcome.field === 'email' ? messages.badEmail(email) : messages.badName);
  if (outcome.rule === 'common') return new CliRefusal(messages.passwordCommon);
  return new CliRefusal(
    outcome.rule === 'too-short'
      ? messages.passwordTooShort(PASSWORD_MIN_LENGTH)
      : messages.passwordTooLong(PASSWORD_MAX_LENGTH),
  );
}

async function withStore<T>(databaseUrl: string | undefined, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(databaseUrl);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export async function operatorCreate(
  options: { email: string; name?: string },
  databaseUrl: string | undefined,
) {
  const messages = cliMessages();
  const email = checkEmail(options.email, messages);
  const displayName = checkName(options.name ?? 'Operator', messages);
  // The password is read before the store is opened, so a refused one leaves no file behind.
  const password = await readNewPassword(messages);
  const policy = checkPasswordPolicy(password);
  if (!policy.ok) throw refusal({ kind: 'weak-password', rule: policy.kind }, email, messages);
  await withStore(databaseUrl, async (store) => {
    const created = await createOperator(store, systemClock, { email, displayName, password });
    if (!created.ok) throw refusal(created, email, messages);
    process.stdout.write(`${messages.operatorCreated(created.operator.email)}\n`);
  });
}

/**
 * The organisation and its first admin, invited: with SMTP_URL the invitation is mailed to the
 * admin alone; without, its link is printed here, on the operator's terminal, and nowhere else
 * (never logged, never stored: the store keeps its hash).
 */
export async function organisationCreate(
  options: { name: string; adminEmail: string; adminName?: string; baseUrl: string },
  databaseUrl: string | undefined,
) {
  const messages = cliMessages();
  const name = checkName(options.name, messages);
  const email = checkEmail(options.adminEmail, messages);
  const displayName = checkName(options.adminName ?? email.split('@')[0]!, messages);
  await withStore(databaseUrl, async (store) => {
    const created = await createOrganisation(store, systemClock, {
      name,
      admin: { email, displayName },
      baseUrl: options.baseUrl,
    });
    if (!created.ok) throw refusal(created, email, messages);
    const out = process.stdout;
    out.write(`${messages.orgCreated(created.organisation.name, created.organisation.id)}\n`);
    const { link, expiresAt } = created.invitation;
    if (!smtpConfigured(process.env)) {
      out.write(`${messages.invitationLink(email, expiresAt)}\n\n    ${link.reveal()}\n\n`);
      return;
    }
    const transport = mailTransportFromEnvironment(process.env, () => undefined);
    try {
      const sent = await sendAccountMail(
        transport,
        {
          accountId: created.admin.id,
          to: email,
          displayName,
          purpose: 'invitation',
          link: link.reveal(),
          expiresAt,
          organisationName: name,
        },
        `invitation-${randomBytes(9).toString('base64url')}`,
      );
      out.write(
        `${sent.outcome === 'sent' ? messages.invitationMailed(email, expiresAt) : messages.invitationFailed(email, sent.reason ?? sent.outcome)}\n`,
      );
    } finally {
      await transport.close();
    }
  });
}
