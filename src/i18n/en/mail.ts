/** English messages of the mails sent to voters and staff. */

export const mail = {
  greeting: (name: string) => `Hello ${name},`,
  voterIn: (election: string) => `You are registered as a voter in “${election}”.`,
  dates: (opens: string | null, closes: string | null) =>
    opens && closes
      ? `Voting opens on ${opens} and closes on ${closes}.`
      : opens
        ? `Voting opens on ${opens}; the closing date will be announced.`
        : closes
          ? `The opening date will be announced; voting closes on ${closes}.`
          : 'The voting dates will be announced.',
  openNow: (closes: string | null) =>
    closes ? `Voting is open now and closes on ${closes}.` : 'Voting is open now.',
  login: (login: string) => `Your login: ${login}`,
  help: (contact: string) => `Questions or problems: ${contact}`,
  signature: 'This message was sent automatically by Scrutin; do not reply to it.',
  credential: {
    subject: (election: string) => `Your voting credential – ${election}`,
    recoverySubject: (election: string) => `Your voting credential (new copy) – ${election}`,
    recoveryIntro: 'As requested, here again is your voting credential; it is the same as before.',
    /** After an address correction (issue 16): which credential is valid. */
    sameAtNewAddress:
      'Your address was corrected, not your credential: this is the only credential for your login, the same as the one sent to your previous address. Any vote already cast with it still counts until you vote again.',
    label: 'Your voting credential',
    link: 'To vote, open this link (it fills in your credential for you):',
    keep: 'Keep this credential secret and keep this message: you need the credential to vote. Together with your login and password, it lets its holder vote in your name.',
    passwordLater: 'Your password will come in a separate message.',
    codeAtLogin: 'When you sign in, a one-time code will be sent to you.',
    testAccess:
      'Before voting opens, you can already sign in at the voting link and test that your credential is accepted, without voting.',
  },
  password: {
    subject: (election: string) => `Your password – ${election}`,
    intro:
      'Here is the password to sign in to the election. Your voting credential was sent in a separate message.',
    label: 'Your password',
    replaces: 'It replaces any password sent before.',
    link: 'Voting page:',
  },
  reminder: {
    subject: (election: string) => `Reminder: how to vote – ${election}`,
    intro: 'You have not signed in to the election yet. Here is how to vote.',
    codeAtLogin:
      'Sign in with your login: a one-time code will be sent to you. Use the voting credential you received separately.',
    link: 'Voting page:',
  },
  code: {
    subject: (election: string) => `Your sign-in code – ${election}`,
    label: 'Your sign-in code',
    validity: (minutes: number) =>
      `It is valid for ${minutes} minutes and can be used once. If you did not ask for it, ignore this message.`,
  },
};
