/**
 * The mail port of staff accounts: the two messages a person receives about their password (an
 * invitation, a reset link), as accounts sees them. Accounts declares what it needs; delivery
 * (src/delivery/account-mail.ts) writes and sends the messages and implements `AccountMail`, so
 * accounts imports nothing of delivery. The link carries its token in the fragment, which browsers
 * never send to a server, so it reaches no access log or Referer.
 */
export type AccountMailPurpose = 'invitation' | 'reset';

export interface AccountMailInput {
  readonly accountId: string;
  readonly to: string;
  readonly displayName: string;
  readonly purpose: AccountMailPurpose;
  /** The whole link, token included: it appears in this message and nowhere else. */
  readonly link: string;
  readonly expiresAt: string;
  /** The organisation the person is invited to (invitations only). */
  readonly organisationName?: string;
}

/** `sent`: the mail server took it; `failed`: it did not (the reason is logged); `not-sent`: no mail server. */
export type AccountMailOutcome = 'sent' | 'failed' | 'not-sent';

/** The page that reads the token from the fragment and lets the person choose a password. */
export function accountLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/account/password#token=${token}`;
}

/** Sends one account message at once; delivery's `transportAccountMail` implements it. */
export interface AccountMail {
  send(input: AccountMailInput, messageId: string): Promise<{ outcome: AccountMailOutcome; reason?: string }>;
}
