/** English messages of the trustee's page. */

export const trustee = {
  loading: 'Loading…',
  heading: 'Your tasks as a trustee',
  signedInAs: (name: string) => `Signed in as ${name}.`,
  signOut: 'Sign out',
  network: 'The server could not be reached. Check your connection and try again.',
  unexpected: 'The server gave an unexpected answer. Try again in a moment.',
  unexpectedError:
    'Something went wrong in this browser, and nothing was sent. Reload the page and try again.',
  checkAgain: 'Check again',
  keyId: 'Key identifier',
  fingerprint: 'Fingerprint',
  keysHeading: 'Your key',
  resultLink: 'See the published result',
  state: {
    draft: 'The election is being prepared: the trustees make the election key now.',
    open: 'Voting is open.',
    closed: 'Voting is closed; the tally has not been computed yet.',
    tallied: 'The encrypted tally is ready: the trustees decrypt it now.',
    published: 'The result is published.',
    annulled: 'This election has been annulled: nothing is left to do.',
  },
  signIn: {
    heading: 'Sign in as a trustee',
    intro: 'Use the email address and password of your trustee account.',
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    progress: 'Signing in…',
    missing: 'Enter your email address and your password.',
  },
  unavailable: {
    heading: 'This page is not available',
    notTrustee:
      'Your account is not a trustee of this election. Sign out and sign in with your trustee account.',
    notFound: 'This election does not exist. Check the link you received.',
  },
  single: {
    heading: 'Your decryption key',
    intro:
      'Your key pair is made in this browser. You keep the private key in a file; only the public key is sent. Nobody can decrypt the result without your private key.',
    generate: 'Make my key in this browser',
    generated:
      'Your key pair is ready. Save the private key file now: it is not sent anywhere, and it cannot be made again.',
    download: (file: string) => `Download my private key (${file})`,
    downloadHint:
      'Keep it somewhere safe and private (a USB stick, a password manager). You will need it to decrypt the result.',
    saved: (file: string) => `I have saved ${file} where I will find it again.`,
    upload: 'Send my public key',
    saveFirst: 'Save your private key file first, then tick the box to confirm.',
    sending: 'Sending your public key…',
    sent: 'Your public key has been registered. Keep your private key file until the result is published.',
    registered: 'Your public key is registered for this election.',
    keep: (file: string) => `Keep ${file}: you will need it to decrypt the result.`,
  },
  threshold: {
    heading: 'Your share of the election key',
    intro: (threshold: number, trustees: number) =>
      `The election key is shared between ${trustees} trustees; any ${threshold} of them together can decrypt the result. It is made in three steps; each one is computed in your browser from your key file.`,
    steps: { certificates: 'Certificate', polynomials: 'Polynomial', voutputs: 'Verification' },
    stepDone: 'done',
    stepLater: 'later',
    yourTurn: 'your turn',
    waitingFor: (names: string) => `waiting for ${names}`,
    waiting: 'Your part of this step is done. This page checks every few seconds for the other trustees.',
    done: (file: string) =>
      `The election key is ready. Keep ${file}: you will need it to decrypt the result.`,
    member: (slot: number, file: string) =>
      `You are trustee ${slot} of the threshold group. Keep ${file} until the result is published.`,
    explain: {
      cert: 'First, make your key file in this browser and send your certificate (its public part).',
      polynomial: 'Every certificate is in. Compute your polynomial from your key file and send it.',
      voutput:
        'Every polynomial is in. Check the shares the others sent you and send your verification data.',
    },
    generate: 'Make my key file',
    generated: 'Your key file is ready. Save it now: it is not sent anywhere, and it cannot be made again.',
    download: (file: string) => `Download my key file (${file})`,
    downloadHint:
      'Keep it somewhere safe and private. You need it for the next steps and to decrypt the result.',
    saved: (file: string) => `I have saved ${file} where I will find it again.`,
    saveFirst: 'Save your key file first, then tick the box to confirm.',
    send: {
      cert: 'Send my certificate',
      polynomial: 'Compute and send my polynomial',
      voutput: 'Compute and send my verification data',
    },
    sent: {
      cert: 'Your certificate has been registered.',
      polynomial: 'Your polynomial has been registered.',
      voutput: 'Your verification data has been registered.',
    },
    sending: 'Sending…',
    computing: 'Computing in this browser…',
    checkFailed:
      'A check failed in your browser: the data of another trustee does not verify. Nothing was sent; tell the election administrator.',
    chooseFile: 'Choose your key file first.',
    yourTurnNow: 'The other trustees have finished this step: it is your turn.',
    stillWaiting: 'The other trustees have not finished this step yet.',
  },
  files: {
    hint: 'The file is read in this browser only; it is never sent.',
    thresholdLabel: (file: string) => `Your key file (${file})`,
    decryptLabel: (files: string) => `Your private key file (${files})`,
    loaded: (file: string) => `Loaded: ${file}.`,
    notAKey: (file: string) => `${file} is not a trustee key file.`,
    wrongKey: (file: string) =>
      `This key file is not the one whose certificate is registered for you: choose ${file}.`,
  },
  decrypt: {
    heading: 'Decrypt the tally',
    intro:
      'Load your private key file: your partial decryption of the encrypted tally is computed in this browser, and only the result (with its proofs) is sent. The server checks it.',
    send: 'Compute and send my partial decryption',
    computing: 'Computing your partial decryption in this browser…',
    sending: 'Sending your partial decryption…',
    accepted: 'Your partial decryption has been checked and accepted.',
    done: 'Your partial decryption is in. Thank you: nothing is left for you to do.',
    later:
      'When voting is over and the encrypted tally is ready, come back here with your key file to decrypt it.',
    chooseFile: 'Choose your private key file first.',
    wrongKey:
      'This key file does not open the decryption key the server keeps for you: choose the key file of this election.',
    notYourKey:
      'This key does not belong to any trustee of this election: choose the key file of this election.',
  },
  shuffle: {
    heading: 'Shuffle the ballots',
    intro:
      'This election has questions answered by a ranking or by grades. Such answers are decrypted one by one, so before anything is decrypted each trustee in turn shuffles the encrypted ballots and re-encrypts them, with a proof that nothing was added, removed or changed: once one honest trustee has shuffled, no answer can be linked to its voter. The shuffle is computed in this browser and needs no key file: it uses only the election’s public key.',
    yourTurn: (owner: number) => `It is your turn to shuffle (trustee ${owner}).`,
    waiting: (next: number) =>
      `Trustee ${next} is shuffling now. Your turn comes after theirs; this page checks again by itself.`,
    send: 'Shuffle and send',
    computing: 'Shuffling in this browser…',
    progressLabel: 'Shuffle progress',
    progress: (percent: number) => `${percent} % done`,
    sending: 'Sending your shuffle…',
    accepted: 'Your shuffle has been checked and added to the public board.',
    done: 'You have shuffled. The other trustees shuffle in turn; then you will decrypt here.',
    skipped: 'The administrator went on without your shuffle.',
    failed: 'The shuffle could not be computed in this browser.',
    decryptAfter: 'Decryption comes once every trustee has shuffled the ballots.',
    refresh: 'Check again',
  },
};
