/** English messages of the help given to voters (issue 16): the SMS channel, replacement mails, the help desk's per-voter actions. */

export const voterHelp = {
  receipt: {
    subject: (election: string) => `Your ballot is recorded – ${election}`,
    recorded: (election: string, when: string) => `Your ballot in “${election}” was recorded on ${when}.`,
    tracker: 'Your ballot tracker',
    check: 'Check that it appears on the election’s public page, with its ballot box:',
    revote: 'If you vote again, your new ballot replaces this one (and you get a new receipt).',
    notYou: 'If you did not vote, contact the help desk at once: someone may have voted in your place.',
  },
  lostCredential: {
    summary: 'I lost my credential',
    intro:
      'Give your login and the address where you receive the election’s messages. We will ask for a new credential for you.',
    login: 'Your login',
    email: 'Your registered address',
    submit: 'Ask for a new credential',
    sending: 'Sending your request…',
    missing: 'Give both your login and your registered address.',
    received:
      'Request received. If this login and address match a voter of this election, the recovery officer will review it; once approved, a new credential will be sent by mail to your registered address only, and your old credential will stop working. If nothing arrives, contact the election’s help desk.',
    none: 'This election offers no credential recovery from this page.',
    contact: (contact: string) => `If you lost your credential, contact: ${contact}`,
    noContact: 'If you lost your credential, contact the organisers of this election.',
  },
  booth: {
    reason: (reason: string) => `Reason given: ${reason}`,
    rerun: 'Vote in the vote that replaces it',
    noRerunYet: 'A new vote will replace it: you will receive a message with its link and a new credential.',
  },
  annulment: {
    subject: (election: string) => `Vote annulled – ${election}`,
    annulled: (election: string, when: string) =>
      `The vote “${election}”, in which you were registered, was annulled on ${when}.`,
    reason: 'Reason given',
    notCounted: 'Ballots cast in it do not count, and its credential no longer works.',
    rerun:
      'A new vote replaces it. You will receive a new credential for it in a separate message. Its voting page:',
    replacesAnnulled: (election: string) =>
      `This credential is for the new vote that replaces the annulled vote “${election}”: the credential of the annulled vote no longer works.`,
  },
  mail: {
    replacesCredentialOf: (when: string) =>
      `This credential replaces the one sent to you on ${when}: that one no longer works.`,
    replacesCredential: 'This credential replaces the one sent to you before: that one no longer works.',
  },
  page: {
    recoveryRequest: (origin: string, when: string, state: string) =>
      `Recovery request ${origin}, ${when}: ${state}`,
    recoveryOrigins: {
      voter: 'from the voter (“I lost my credential”)',
      'help-desk': 'from the help desk',
      'address-correction': 'after an address correction',
    },
    recoveryStates: {
      pending: 'waiting for the recovery officer',
      approved: 'approved, the new credential is being sent',
      rejected: 'rejected by the recovery officer',
      completed: 'done, the new credential was sent',
    },
    receiptMail: 'Mail each voter a receipt with their ballot tracker after they vote',
    channel: 'Channel of passwords and one-time codes',
    channelHint:
      'Credentials always go by mail; by SMS, the password or code travels on a second channel (voters without a number on the roll get it by mail).',
    channelEmail: 'By mail',
    channelSms: 'By SMS, to the number on the roll',
    smsUnavailable: 'SMS is not configured on this server (SMS_URL): only mail is possible.',
    bySms: 'SMS',
    byMail: 'mail',
    to: (address: string) => `to ${address}`,
    resendCredential: 'Resend the credential',
    resendCredentialConfirm: (login: string) => `Send ${login} a new credential?`,
    resendCredentialEffects: (address: string) => [
      `A new credential is generated and mailed to ${address}.`,
      'The credential sent before stops working at once; the new message says it replaces the one of its date.',
      'Possible only before voting opens. Recorded in the audit log.',
    ],
    resendPassword: 'Resend the password',
    resendPasswordConfirm: (login: string) => `Send ${login} a new password now?`,
    resendPasswordEffects: (where: string) => [
      `A new password is generated and sent now ${where}.`,
      'The previous password stops working when the new one is sent; the credential does not change.',
      'Recorded in the audit log.',
    ],
    sendCode: 'Send a one-time code',
    sendCodeConfirm: (login: string) => `Send ${login} a one-time sign-in code?`,
    sendCodeEffects: (where: string) => [
      `A sign-in code, valid 10 minutes for one sign-in, is sent now ${where}.`,
      'Nothing is invalidated: the password and the credential stay as they are. At most one code a minute.',
    ],
    codeSent: (login: string) => `A sign-in code is on its way to ${login}.`,
    codeRecent: (login: string) =>
      `A code was sent to ${login} less than a minute ago: nothing new was sent.`,
    codeNotAvailable: 'One-time codes apply once voting is open, or in one-time-code mode.',
    passwordSent: (login: string) => `A new password is on its way to ${login}.`,
    correctPhone: 'Correct the phone',
    newPhone: (login: string) => `New mobile number of ${login}`,
    phoneHint:
      'A plus, the country code, then the number without its leading 0 (+33612345678). Empty: no number.',
    phoneFormat: 'Type the number with a plus and the country code (+33612345678), or leave it empty.',
    correctPhoneEffects: (bySms: boolean, password: boolean) => [
      bySms
        ? 'Passwords and sign-in codes sent from now on go to this number (by mail when it is empty).'
        : 'This election sends passwords and codes by mail: the number is used only if SMS is chosen.',
      ...(bySms && password
        ? ['A new password is sent now to the corrected number; the one sent before stops working.']
        : []),
      'The credential does not change (it always goes by mail).',
      'Recorded in the audit log (the number masked) and shown to scrutineers.',
    ],
    phoneCorrected: (login: string) => `Phone number of ${login} corrected.`,
    phoneCorrectedPassword: (login: string) =>
      `Phone number of ${login} corrected; a new password is on its way to it.`,
    correctAddress: 'Correct the address',
    correctAddressEffects: (open: boolean) => [
      'The old address is told first, with the new one masked.',
      open
        ? 'The same credential is sent to the new address once the recovery officer approves.'
        : 'A new credential goes to the new address; the old one stops working.',
      'Recorded in the audit log and shown to scrutineers.',
    ],
    resendEffects: (kind: 'password' | 'reminder', email: number, sms: number) =>
      kind === 'password'
        ? [
            `New passwords: ${email} by mail and ${sms} by SMS, to the voters who have a credential and never signed in.`,
            'Each new password replaces the voter’s previous one; credentials do not change.',
            'Voters who already signed in get nothing.',
          ]
        : [
            `Reminders by mail: ${email}, to the voters who have a credential and never signed in (their login and the voting link, no secret).`,
            'Nothing is invalidated. Voters who already signed in get nothing.',
          ],
  },
  sms: {
    password: (election: string, login: string, password: string, url: string) =>
      `${election}: password for ${login}: ${password} (it replaces any earlier one; your credential comes by mail). Vote: ${url}`,
    code: (election: string, code: string, minutes: number) =>
      `${election}: your sign-in code is ${code}, valid ${minutes} min, once. Not asked for it? Ignore this SMS.`,
  },
};
