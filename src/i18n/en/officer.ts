/** English messages of the recovery officer's page (/officer, issue 16). */

export const officer = {
  title: 'Credential recovery',
  signInIntro:
    'Sign in with the account named recovery officer of the election or consultation: you approve or refuse voters’ requests for their credential.',
  intro:
    'A voter who lost their credential, or whose address was corrected after voting opened, gets the same credential again once you approve. Your private key opens it in this browser; only the credential leaves, to the voter’s registered address. Your key file is never sent.',
  none: 'You are the recovery officer of no election with credentials made by the server.',
  key: {
    heading: 'Your private key',
    label: 'Private key file (recovery.privkey)',
    hint: 'Read in this browser only, never sent. It stays loaded until you leave or reload the page.',
    loaded: (group: string) => `Key loaded (group ${group}). It has not left this browser.`,
    notAKey: (file: string) => `${file} is not a recovery private key file. Nothing was sent.`,
    needed: 'Load your private key file first (above): the credentials are opened with it in this browser.',
    makeIntro:
      'No key is set yet for the elections below (still being prepared). Make your key pair in this browser: you keep the private key file; only the public key is sent.',
    make: 'Make my key pair in this browser',
    download: 'Download my private key (recovery.privkey)',
    keep: 'Keep this file safe and private: without it, no lost credential can be sent again; with it, anyone could open the escrowed credentials the server keeps.',
    saved: 'I saved the file: send my public key',
    sentKey: (n: number) =>
      n === 1 ? 'Public key set for 1 election.' : `Public key set for ${n} elections.`,
  },
  box: (consultation: string, box: string) => `${consultation} — ${box}`,
  round: (n: number) => `round ${n}`,
  state: 'State',
  recovery: 'Recovery',
  recoveryChoice: {
    escrow: 'by escrow to your key',
    none: 'none (chosen by the organisers)',
    undecided: 'not chosen yet',
  } as Record<string, string>,
  fingerprint: 'Key fingerprint',
  noKeyYet: 'no key set yet',
  annulled: 'This box was annulled: nothing to do here.',
  notOpen: 'Requests are decided while voting is open.',
  pending: 'Waiting for your decision',
  noPending: 'No request is waiting.',
  columns: { login: 'Login', name: 'Name', origin: 'Origin', asked: 'Asked on', action: 'Decision' },
  approve: 'Approve',
  refuse: 'Refuse',
  approveLabel: (login: string) => `Approve the request of ${login}`,
  refuseLabel: (login: string) => `Refuse the request of ${login}`,
  approveTitle: (login: string) => `Approve the request of ${login}?`,
  approveEffects: [
    'The request is approved and recorded in the election’s audit log.',
    'Then, with your key, the voter’s same credential is opened here and mailed to their registered address only. It is the only credential of that voter: nothing else stops working.',
  ],
  refuseTitle: (login: string) => `Refuse the request of ${login}?`,
  refuseEffects: [
    'The request is refused and recorded in the election’s audit log; it cannot be decided again.',
    'The voter is told by mail, at their registered address: nothing was sent, the credential they had is unchanged, and whom to contact.',
  ],
  approved: (login: string) => `Request of ${login} approved.`,
  refused: (login: string) => `Request of ${login} refused; the voter is told by mail.`,
  toSend: 'Approved, waiting to be opened with your key',
  send: (n: number) => (n === 1 ? 'Open 1 credential and send it' : `Open ${n} credentials and send them`),
  sendTitle: 'Open the credentials with your key and send them?',
  sendEffects: (n: number) => [
    n === 1
      ? 'The credential of 1 approved request is opened in this browser with your key.'
      : `The credentials of ${n} approved requests are opened in this browser with your key.`,
    'Each is checked against its voter’s public credential, then sent to that voter’s registered address only, and the server forgets it.',
    'Your key file is not sent.',
  ],
  sent: (sent: number, already: number) =>
    `${sent === 1 ? '1 credential sent' : `${sent} credentials sent`} to the voters’ registered addresses${already > 0 ? ` (${already} already sent before)` : ''}.`,
  nothingToSend: 'Nothing to open: no approved request is waiting.',
  openFailed: (problem: string) =>
    `The credentials could not be opened with this key: ${problem}. Nothing was sent.`,
  history: 'Decided',
  /** A decided request's state, as the officer sees it (after opening, the credential is the same one). */
  decidedStates: {
    rejected: 'refused',
    completed: 'the same credential was sent again',
  } as Record<string, string>,
  historyLine: (login: string, state: string, when: string) => `${login}: ${state} (${when})`,
  dialogCancel: 'Cancel',
};
