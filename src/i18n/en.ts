/**
 * English messages: the reference catalogue. Its shape is the `Messages` type, so another language
 * missing a key, adding one, or giving a function the wrong parameters fails to compile. Messages
 * that depend on numbers are functions, so each language handles its own plurals.
 */

const answers = (n: number) => (n === 1 ? '1 answer' : `${n} answers`);

export const en = {
  language: { code: 'en', name: 'English' },
  booth: {
    brand: 'Scrutin',
    documentTitle: (step: string, election: string) => `${step} – ${election} – Scrutin`,
    languageSwitch: 'Language',
    stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
    loading: 'Loading the election…',
    closesAt: (date: string) => `Voting closes on ${date}.`,
    unavailable: {
      heading: 'Voting is not possible',
      draft: 'Voting has not opened yet.',
      closed: 'Voting is closed.',
      annulled: 'This election has been annulled.',
      notFound: 'This election does not exist or has not opened yet. Check the link you received.',
      invalidElection: 'The election data could not be read, so this page cannot encrypt a vote.',
      unsupported: 'Some questions of this election cannot be answered in this booth yet.',
    },
    network: 'The server could not be reached. Check your connection and try again.',
    unexpected: 'The server gave an unexpected answer. Try again in a moment.',
    signIn: {
      heading: 'Sign in',
      intro: 'Use the login and password you received for this election.',
      login: 'Login',
      password: 'Password',
      submit: 'Sign in',
      progress: 'Signing in…',
      missing: 'Enter your login and your password.',
      codeToggle: 'Password lost or refused? Sign in with a code sent by mail',
      codeIntro:
        'Enter your login above, then ask for a code: it is mailed to the address registered for you, and is valid 10 minutes.',
      codeSend: 'Mail me a sign-in code',
      codeSent:
        'If this login is on the voter list, a code was mailed to its registered address. It is valid 10 minutes.',
      codeLabel: 'Code received by mail',
      codeSubmit: 'Sign in with this code',
      codeMissing: 'Enter your login, and the code you received.',
      signedInAs: (name: string) => `Signed in as ${name}.`,
    },
    credential: {
      heading: 'Your voting credential',
      intro:
        'Enter the voting credential you received separately. It stays in this browser, where it signs your ballot: it is never sent to the server.',
      label: 'Voting credential',
      hint: 'Five groups of three letters or digits: XXX-XXX-XXX-XXX-XXX',
      prefilled: 'Filled in from the link you opened. Check it, then continue.',
      empty: 'Enter your voting credential.',
      format:
        'This is not a voting credential: it has 15 letters or digits, written XXX-XXX-XXX-XXX-XXX, and never uses 0, O, I or l.',
      checksum:
        'This credential contains a typing mistake (its last character does not match the others). Compare each character with the credential you received.',
      submit: 'Continue',
    },
    questions: {
      heading: 'Your vote',
      questionNumber: (i: number, n: number) => `Question ${i} of ${n}`,
      problemIn: (question: string, problem: string) => `${question}: ${problem}`,
      chooseExactly: (n: number) => `Choose ${answers(n)}.`,
      chooseAtMost: (max: number) => `Choose up to ${answers(max)}.`,
      chooseBetween: (min: number, max: number) => `Choose between ${min} and ${max} answers.`,
      orBlank: 'You may vote blank instead.',
      blank: 'Vote blank',
      tooFew: (min: number, blank: boolean) =>
        `Choose at least ${answers(min)}${blank ? ', or vote blank' : ''}.`,
      tooMany: (max: number) => `Choose at most ${answers(max)}: untick some answers.`,
      blankWithAnswers: 'A blank vote selects no answer: untick the answers or untick “Vote blank”.',
      summary: (count: number) =>
        count === 1 ? 'One question needs your attention.' : `${count} questions need your attention.`,
      rejected: 'This vote does not fit the questions of the election.',
      submit: 'Review my vote',
    },
    review: {
      heading: 'Check and cast your vote',
      intro:
        'Your vote is encrypted in this browser before it is sent: nobody, not even the server, can read it. You will get a tracking number.',
      blankVote: 'Blank vote',
      noAnswer: 'No answer',
      cast: 'Encrypt and cast my vote',
      change: 'Change my choices',
      encrypting: 'Encrypting your vote in this browser…',
      sending: 'Sending your encrypted ballot…',
      failed:
        'Your vote could not be encrypted in this browser, and nothing was sent. Reload the page and try again.',
      signInAgain: 'Your session has ended. Sign in again; your choices are kept.',
      uncertain:
        'We could not confirm that your ballot was recorded. Try again: the same encrypted ballot will be sent again.',
    },
    confirmation: {
      heading: 'Your vote has been cast',
      recorded: 'Your encrypted ballot has been recorded by the server.',
      alreadyRecorded: 'The server had already recorded this exact encrypted ballot.',
      trackerLabel: 'Your tracking number',
      matches: 'Your browser computed the same tracking number from the ballot it encrypted.',
      mismatch: (server: string) =>
        `Warning: the server returned a different tracking number (${server}). Keep both numbers and contact the election administrators.`,
      keep: 'Keep this number. It lets you check that your ballot is on the public ballot board and counted, without revealing your vote.',
      boardLink: 'Find my ballot on the public ballot board',
    },
  },
  trustee: {
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
  },
  // section: trustee (one block per area; keep this marker line)
  electionPage: {
    title: 'Election',
    loading: 'Loading the election…',
    unavailable: 'This election cannot be shown',
    notFound: 'This election does not exist or is not public yet. Check the address.',
    state: {
      draft: 'This election is being prepared: voting has not opened yet.',
      open: 'Voting is open.',
      closed: 'Voting is closed; the votes are being counted.',
      tallied: 'Voting is closed; the trustees are decrypting the result.',
      published: 'The result is published.',
      annulled: 'This election has been annulled.',
    },
    annulReason: (reason: string) => `Reason given by the organisers: ${reason}`,
    turnout: (ballots: number, voters: number) =>
      `${ballots === 1 ? '1 voter has' : `${ballots} voters have`} voted, out of ${voters}.`,
    dates: {
      heading: 'Dates',
      opens: 'Voting opens',
      closes: 'Voting closes',
      timeZone: (zone: string) => `Times are given in the election’s time zone (${zone}).`,
    },
    rules: {
      exactly: (n: number) => `Choose ${answers(n)}.`,
      between: (min: number, max: number) =>
        min === 0 ? `Choose up to ${answers(max)}.` : `Choose between ${min} and ${max} answers.`,
      blank: 'Voting blank is allowed.',
    },
    questions: { heading: 'Questions' },
    result: {
      heading: 'Result',
      totals: (ballots: number, weight: string, weighted: boolean) =>
        `${ballots === 1 ? '1 ballot' : `${ballots} ballots`} counted${weighted ? `, with a total weight of ${weight}` : ''}. Shares are of the ${weighted ? 'weight of the ' : ''}ballots counted.`,
      several: 'Each voter could choose several answers, so the shares can add up to more than 100 %.',
      caption: (question: string) => `Result: ${question}`,
      answer: 'Answer',
      votes: 'Votes',
      weightedVotes: 'Votes (weighted)',
      share: 'Share',
      chart: 'Bar chart',
      blank: 'Blank vote',
      notShown: 'The result of this question cannot be shown here; it is in the archive below.',
    },
    tracker: {
      heading: 'Find your ballot',
      intro:
        'Enter the tracking number you got after voting: you can check that your encrypted ballot is on the public ballot board, without revealing your vote.',
      label: 'Tracking number',
      hint: '43 letters, digits, + and /, as shown after you voted.',
      search: 'Find my ballot',
      empty: 'Enter a tracking number.',
      counted: 'This ballot is on the public ballot board, and it is the one that counts.',
      replaced:
        'This ballot is on the public ballot board, but a later ballot was cast with the same voting credential: only the last one counts.',
      absent:
        'No ballot with this tracking number is on the public ballot board. Check that you copied it whole; if it is right, contact the organisers.',
    },
    verify: {
      heading: 'Verify the election yourself',
      intro:
        'Everything on the ballot board is in one archive. Anyone can check it with independent software: every ballot’s proofs, the tally and the result.',
      download: (file: string) => `Download the archive (${file})`,
      prepare: 'Put the archive in a folder of its own:',
      scrutin: 'Verify it with Scrutin’s tool:',
      belenios: 'Or with Inria’s belenios-tool:',
      copy: 'Copy',
      copied: 'Command copied.',
      copyFailed: 'The browser did not allow copying: select the command and copy it.',
      expected: 'Each of these tools prints “all checks passed” when the archive is sound.',
      serverOk: (events: number) =>
        `The server’s own verifier has checked the ${events === 1 ? 'first event' : `${events} events`} of the board: all checks pass. Your own check is what counts.`,
      serverFailed:
        'The server’s own verifier found a problem on the board. Verify the archive yourself and tell the organisers.',
      serverCannotVerify:
        'The server’s own verifier cannot check this board: it holds shuffles, which this version does not verify yet. The board is NOT verified: check the archive with a verifier that checks shuffles, such as belenios-tool.',
    },
    seals: {
      heading: 'Fingerprints',
      intro:
        'These fingerprints were sealed when voting opened. The archive must give the same ones: compare them with what the organisers published.',
      election: 'Election',
      trustees: 'Trustee keys',
      credentials: 'Voting credentials (public part)',
    },
  },
  // section: election-page (one block per area; keep this marker line)
  admin: {
    pageTitle: 'Administration',
    signedInAs: (name: string) => `Signed in as ${name}.`,
    signOut: 'Sign out',
    lineProblem: (line: number, problem: string) => `Line ${line}: ${problem}`,
    cancel: 'Cancel',
    loading: 'Loading…',
    saved: 'Saved.',
    yes: 'yes',
    no: 'no',
    signIn: {
      heading: 'Sign in',
      intro: 'Sign in with the email address and password of your Scrutin account.',
      email: 'Email address',
      password: 'Password',
      submit: 'Sign in',
      progress: 'Signing in…',
      missing: 'Enter your email address and your password.',
    },
    states: {
      draft: 'Draft (being prepared)',
      open: 'Open for voting',
      closed: 'Closed (ballot box sealed)',
      tallied: 'Tallied (waiting for the trustees)',
      published: 'Result published',
      annulled: 'Annulled',
    },
    home: {
      heading: 'Your organisations',
      none: 'Your account administers no organisation. Ask the platform operator, or open the link of the election you were given a role in.',
      elections: 'Elections',
      noElections: 'No election yet.',
      electionName: 'Election',
      state: 'State',
      closes: 'Closes',
      create: 'Create an election',
      name: 'Name of the election',
      description: 'Description (shown to voters)',
      timeZone: 'Time zone of the dates',
      timeZoneHint: 'An IANA name such as Europe/Paris: dates are entered and shown in this zone.',
      badTimeZone: 'This time zone is unknown: use a name such as Europe/Paris or America/Montreal.',
      nameMissing: 'Give the election a name.',
      createSubmit: 'Create the election (draft)',
      created: (name: string) => `Election “${name}” created as a draft.`,
      members: 'Members',
      memberName: 'Name',
      memberEmail: 'Email',
      memberRoles: 'Roles',
      orgAdmin: 'organisation admin',
      roleOn: (role: string, election: string) => `${role} of ${election}`,
      addMember: 'Add a person',
      addMemberIntro:
        'Trustees, scrutineers and other admins sign in with their own account. Choose an initial password and give it to the person privately: it is stored only as a hash.',
      initialPassword: 'Initial password (at least 10 characters)',
      makeOrgAdmin: 'Organisation admin (can manage every election of the organisation)',
      addMemberSubmit: 'Add this person',
      memberAdded: (name: string) => `${name} was added.`,
      memberMissing: 'Enter a name, an email address and an initial password of at least 10 characters.',
    },
    roles: {
      'election-admin': 'election admin',
      'credential-authority': 'credential authority',
      trustee: 'trustee',
      scrutineer: 'scrutineer',
    } as Record<string, string>,
    election: {
      back: 'All elections',
      links: 'Pages of this election',
      publicPage: 'Public page',
      booth: 'Voting booth',
      console: 'Scrutineer console',
      trusteePage: 'Trustee page',
      sealed: 'Sealed hashes',
      fingerprint: 'Election fingerprint',
      trusteesHash: 'Trustees hash',
      credentialsHash: 'Credentials hash',
      annulledBecause: (reason: string) => `Annulled: ${reason}`,
      readOnly: 'The election is open or finished: its settings are frozen and shown read-only.',
    },
    questions: {
      heading: 'Questions',
      none: 'No question yet.',
      question: (n: number) => `Question ${n}`,
      text: 'Question',
      answers: 'Answers (one per line)',
      min: 'Minimum number of answers',
      max: 'Maximum number of answers',
      blank: 'Voters may vote blank',
      add: 'Add a question',
      remove: (n: number) => `Remove question ${n}`,
      save: 'Save the questions',
      rule: (min: number, max: number, blank: boolean) =>
        `${min === max ? `Exactly ${answers(min)}` : `Between ${min} and ${max} answers`}${blank ? ', or blank' : ''}.`,
      invalid: (n: number, problem: string) => `Question ${n}: ${problem}`,
      needText: 'write the question',
      needAnswers: 'give at least one answer',
      badBounds: 'the minimum must be between 0 and the maximum, the maximum at most the number of answers',
      nonHomomorphic:
        'This question is answered by a ranking or by grades (non-homomorphic). Such questions are not available yet: their ballots would have to be shuffled before decryption, or each voter’s answers could be linked to them. Remove it: the election cannot be opened with it.',
    },
    schedule: {
      heading: 'Dates',
      opens: 'Voting opens',
      closes: 'Voting closes',
      hint: 'Dates are in the time zone above. Leave empty to open and close by hand.',
      save: 'Save the dates',
      badDate: 'Enter complete dates and times.',
    },
    voters: {
      heading: 'Voters',
      count: (n: number) => (n === 1 ? '1 voter.' : `${n} voters.`),
      none: 'No voter yet.',
      csv: 'Voter list (CSV: email,login,weight,name[,language])',
      csvHint:
        'One voter per line. Importing replaces the whole list; if any line has an error, nothing is imported and every error is listed.',
      file: 'Or choose a CSV file',
      import: 'Import the voter list',
      confirmTitle: 'Replace the voter list?',
      confirmEffects: (lines: number) => [
        `The ${lines} lines of the list are checked; any error cancels the whole import.`,
        'The current list, and any credentials already set, are replaced.',
      ],
      imported: (n: number) => `${n} voters imported.`,
      empty: 'Paste or choose a voter list first.',
      login: 'Login',
      name: 'Name',
      email: 'Email',
      weight: 'Weight',
      credential: 'Credential set',
      delivery: 'Delivery',
      table: 'Table of the voters (scrolls sideways)',
    },
    trustees: {
      heading: 'Trustees (who can decrypt the result)',
      current: 'Current trustees',
      none: 'No trustee yet: the election cannot open without one.',
      fingerprint: 'key fingerprint',
      choose: 'Add trustees',
      server: 'Server key — the weakest mode',
      serverExplain:
        'The platform generates and holds the decryption key: whoever runs the server could decrypt alone. Use only for trials or votes with little at stake.',
      serverSubmit: 'Use a server key',
      serverConfirm: 'Let the server hold a decryption key?',
      serverEffects: [
        'The server generates a key pair and keeps the private key.',
        'The platform operator could then decrypt the result alone; the public page says so.',
      ],
      single: 'Single trustee — an external key',
      singleExplain:
        'A person generates a key pair on their own computer (trustee page or scrutin-tool) and gives you only the public key. The private key never reaches the server.',
      singleName: 'Trustee’s name',
      singleKey: 'Public key of the trustee (JSON)',
      singleSubmit: 'Add this trustee',
      singleConfirm: 'Add this trustee’s public key?',
      singleEffects: (name: string) => [
        `${name}’s key is checked (proof of knowledge) and added.`,
        `${name} will have to decrypt the result with their private key after closing.`,
      ],
      singleMissing: 'Enter the trustee’s name and paste their public key.',
      threshold: 'Threshold trustees — Pedersen, k of n',
      thresholdExplain:
        'n trustees each generate their part of the key in their browser. No one can decrypt alone; any k of them together can, so up to n − k may be absent at tally time.',
      thresholdPeople: 'Trustees (people of the organisation)',
      thresholdK: 'How many are needed to decrypt (k)',
      thresholdSubmit: 'Declare the threshold group',
      thresholdConfirm: (k: number, n: number) => `Declare ${k} of ${n} threshold trustees?`,
      thresholdEffects: (k: number, n: number) => [
        `The ${n} people chosen become trustees of this election and must each generate their key on the trustee page.`,
        `Any ${k} of them will be needed to decrypt the result; no one can decrypt alone.`,
      ],
      thresholdInvalid: 'Choose at least 2 people, and k between 1 and the number chosen.',
      noPeople: 'Add the trustees as people of the organisation first (home page).',
      progress: 'Key establishment',
      step: (step: string) => `Current step: ${step}.`,
      steps: {
        certificates: 'certificates',
        polynomials: 'polynomials',
        voutputs: 'verification data',
        done: 'done: the election key is ready',
      } as Record<string, string>,
      slot: (slot: number, name: string) => `Trustee ${slot}: ${name}`,
      certificate: 'certificate',
      polynomial: 'polynomial',
      voutput: 'verification',
      done: 'done',
      waiting: 'waiting',
      kinds: {
        server: 'server key (weakest)',
        single: 'single trustee',
        pedersen: 'threshold group',
      } as Record<string, string>,
    },
    credentials: {
      heading: 'Voting credentials',
      mode: (mode: string) => `Current mode: ${mode}.`,
      server: 'The server as credential authority',
      serverExplain:
        'The server generates each voter’s credential, sends it to that voter only and keeps just the public part. Protects against: anyone voting in a voter’s place later (no private credential is stored). Residual risk: a credential intercepted in transit stays usable until the voter revotes.',
      serverUnavailable:
        'Sending credentials from these pages needs the delivery service, which this server does not offer yet.',
      generate: 'Generate and send the credentials',
      generateConfirm: 'Generate and send the voters’ credentials?',
      generateEffects: (n: number) => [
        `A credential is generated for each of the ${n} voters and queued for that voter only.`,
        'The server keeps only the public credentials; the private ones are forgotten once sent.',
      ],
      generated: 'Credentials generated and queued for sending.',
      external: 'An external credential authority',
      externalExplain:
        'A person independent of the platform generates the credentials offline with scrutin-tool, sends them to the voters and uploads only the public credentials here. Protects against: a compromised platform voting in a voter’s place. Residual risk: that person could vote for voters who never vote — watch the sign-in list and turnout.',
      publicCredentials: 'Public credentials (one “credential,weight,login” per line)',
      upload: 'Upload the public credentials',
      uploadByAuthority:
        'Only the credential authority of this election uploads its public credentials (made with scrutin-tool setup generate-credentials), on its own page; an admin of the election cannot, and cannot hold that role. Give the authority this address:',
      uploadConfirm: 'Upload these public credentials?',
      uploadEffects: (n: number) => [
        `${n} public credentials are checked and bound to the voters’ logins.`,
        'Compare the fingerprint shown afterwards with the one the credential authority printed.',
      ],
      fingerprint: (f: string) =>
        `Fingerprint of the public credentials: ${f}. Check it with the credential authority.`,
      withCredential: (n: number, total: number) => `${n} of ${total} voters have a credential.`,
      current: 'the mode of this election',
      protects: 'Protects:',
      residualRisk: 'Residual risk:',
      recoveryPath: 'If a voter loses their credential:',
      recoveryChoice: {
        escrow: 'Recovery: credentials are sealed to the recovery officer’s key.',
        none: 'Recovery: none (chosen explicitly).',
        undecided:
          'Recovery: not chosen yet. Before the credentials are generated, choose “no recovery” below, or have the recovery officer send their key.',
      } as Record<string, string>,
      officerKey: (fingerprint: string) => `Officer key fingerprint: ${fingerprint}.`,
      recoveryHint:
        'To offer recovery, give a person who does not administer the platform the credential authority role: they upload their recovery key (made with scrutin-tool recovery generate-key) before the credentials are generated.',
      noRecovery: 'Choose no recovery',
      noRecoveryConfirm: 'Run this election without credential recovery?',
      noRecoveryEffects: [
        'A voter who loses their credential after opening will not be able to vote.',
        'Before opening, a lost credential can still be replaced.',
      ],
      uploadHeading: 'Public credentials from an external credential authority',
      authorityTitle: 'Credential authority',
      authorityIntro:
        'Paste here the public credentials you made offline with scrutin-tool setup generate-credentials: the contents of the .pubcreds file, or one “credential,weight,login” per line. Keep the private credentials to yourself: send them to the voters, never to this server.',
      authorityFingerprint: (f: string) =>
        `Fingerprint of the public credentials: ${f}. Check it is the one scrutin-tool printed.`,
      authoritySignIn:
        'Sign in with the account that was given the credential-authority role for this election.',
      authorityNotDraft: 'This election is no longer in preparation: its public credentials are sealed.',
      modes: {
        server: 'server as credential authority',
        external: 'external credential authority',
      } as Record<string, string>,
    },
    delivery: {
      heading: 'Delivery of credentials and passwords',
      unavailable: 'Delivery tracking is not available on this server yet.',
      counts: 'Messages by status',
      message: 'Message',
      kinds: { credential: 'Credential', password: 'Password' } as Record<string, string>,
      statuses: {
        queued: 'queued',
        sending: 'sending',
        sent: 'sent',
        failed: 'failed',
        superseded: 'replaced',
        none: 'none',
      } as Record<string, string>,
      summary: (voters: number, loggedIn: number, accessChecked: number, voted: number) =>
        `${voters} voters: ${loggedIn} signed in at least once, ${accessChecked} tested their access, ${voted} voted.`,
      table: 'Delivery per voter (scrolls sideways)',
      helpColumn: 'Help',
      signedIn: 'Signed in',
      accessTested: 'Access tested',
      voted: 'Voted',
      credentialsQueued: (n: number, fingerprint: string) =>
        `${n} credential messages queued. Fingerprint of the public credentials: ${fingerprint}.`,
      passwords: 'Send the passwords now',
      passwordsConfirm: 'Send every voter their password now?',
      passwordsEffects: (n: number) => [
        `A password is generated for each of the ${n} voters and sent in a message of its own, apart from the credential.`,
        'Passwords are stored only as hashes.',
      ],
      resend: 'Resend to voters who have not signed in',
      resendConfirm: (n: number) => `Resend the access message to ${n} voters?`,
      resendEffects: (n: number) => [
        `${n} voters who have a credential but never signed in get their access message again.`,
        'Voters who already signed in get nothing.',
      ],
      settings: 'How voters sign in',
      loginMode: 'Sign-in secret',
      loginModeHint: 'Fixed once voting opens.',
      modePassword: 'A password, sent in a second message',
      modeCode: 'A one-time code, sent when the voter asks for it',
      delay: 'Minutes between the credential message and the password message',
      delayHint: 'The two secrets travel apart; 0 sends both at once.',
      badDelay: 'Give a whole number of minutes between 0 and 10080 (a week).',
      help: 'Help contact shown in the messages',
      language: 'Language of voters without one',
      languages: { fr: 'French', en: 'English' } as Record<string, string>,
      saveSettings: 'Save how voters sign in',
      queued: (n: number) => `${n} messages queued.`,
    },
    recovery: {
      replace: (login: string) => `Replace ${login}’s credential`,
      replaceConfirm: (login: string) => `Replace ${login}’s credential?`,
      replaceEffects: [
        'A new credential is generated and sent to the voter’s registered address only.',
        'The old credential stops working. This is possible only before opening.',
      ],
      replaced: (login: string) => `A new credential is on its way to ${login}.`,
      ask: (login: string) => `Ask for recovery for ${login}`,
      askConfirm: (login: string) => `File a recovery request for ${login}?`,
      askEffects: [
        'The recovery officer must approve it; the same credential is then sent again to the voter’s registered address only.',
        'The request is recorded in the audit log.',
      ],
      asked: (login: string) => `Recovery requested for ${login}: the recovery officer must approve it.`,
    },
    people: {
      heading: 'Roles on this election',
      none: 'Nobody holds a role on this election yet.',
      person: 'Person',
      role: 'Role',
      grant: 'Give the role',
      granted: (name: string, role: string) => `${name} is now ${role}.`,
    },
    actions: {
      heading: 'Election actions',
      none: 'No action is possible in this state.',
      open: 'Open the election',
      openEffects: [
        'The questions, the voter list, the trustees’ keys and the public credentials are frozen in the public Setup event; their hashes are sealed and shown.',
        'Voters can vote from now on; nothing of the setup can be changed afterwards.',
      ],
      close: 'Close the ballot box',
      closeEffects: [
        'No more ballots are accepted.',
        'Scrutineers can see the sign-in list (who voted, never how).',
        'Next step: compute the encrypted tally.',
      ],
      extend: 'Extend voting',
      extendEffects: [
        'Voting stays open until the new closing time.',
        'The change is recorded in the audit log.',
      ],
      newClosing: 'New closing time',
      tally: 'Compute the encrypted tally',
      tallyEffects: [
        'The counted ballots are added up while still encrypted; the encrypted tally is published on the public board.',
        'The trustees then decrypt their share of it on their page.',
      ],
      publish: 'Publish the result',
      publishEffects: [
        'The trustees’ partial decryptions are checked and combined; the result is written to the public board and shown on the public page.',
        'This cannot be undone.',
      ],
      annul: 'Annul the election',
      annulEffects: [
        'The election stops for good and no result will ever be shown.',
        'The reason is shown on the public page and recorded in the audit log. This cannot be undone.',
      ],
      reason: 'Reason for annulling (shown publicly)',
      reasonMissing: 'Give a reason of at least 5 characters.',
      confirm: (action: string) => `${action}?`,
      done: (state: string) => `Done. The election is now: ${state}.`,
    },
  },
  // section: admin (one block per area; keep this marker line)
  scrutineer: {
    title: 'Scrutineer console',
    intro: 'Scrutineer console: everything here is observable without revealing any vote or secret.',
    signInIntro: 'Sign in with the account that was given the scrutineer role for this election.',
    refresh: 'Refresh',
    refreshed: 'Figures refreshed.',
    unavailable: 'Not available to your account.',
    turnout: 'Turnout',
    turnoutCount: (voted: number, voters: number, percent: number) =>
      `${voted} of ${voters} voters have voted (${percent} %).`,
    ballots: (n: number) =>
      n === 1 ? '1 ballot received (revotes included).' : `${n} ballots received (revotes included).`,
    noBallots: 'No ballot yet.',
    overTime: 'Voters who voted, hour by hour (UTC hours, shown in your time)',
    hour: 'Hour',
    votedThatHour: 'Voted',
    cumulative: 'Total',
    verification: 'Public board verification',
    verified: (height: number) => `Verified: every event up to height ${height} checks out.`,
    failed: 'Verification FAILED: the public board does not check out. Alert the election administrators.',
    cannotVerify:
      'NOT verified: the public board holds shuffles, which this version of Scrutin cannot check yet. Check the archive with belenios-tool.',
    phase: (phase: string) => `Phase of the board: ${phase}.`,
    phases: {
      setup: 'set up, voting not started',
      voting: 'voting',
      ended: 'voting ended',
      tallied: 'encrypted tally published',
      decrypting: 'trustees decrypting',
      result: 'result published',
    } as Record<string, string>,
    archive: 'Download the public archive (.bel) to verify it yourself',
    notSealed: 'Not sealed yet: the hashes are fixed when the election opens.',
    recovery: 'Credential recovery',
    recoveryCounts: (r: Record<string, number>) =>
      `Requests: ${r.pending ?? 0} pending, ${r.approved ?? 0} approved, ${r.rejected ?? 0} rejected, ${r.completed ?? 0} completed (each one is in the audit log).`,
    signInList: 'Sign-in list',
    afterClosing: 'Shown after closing: who voted, never how.',
    signInIntro2: 'Who voted, never how.',
    voted: 'Voted',
    signInTable: 'Table of the sign-in list (scrolls sideways)',
    auditTable: 'Table of the audit log (scrolls sideways)',
    downloadCsv: 'Download as CSV',
    audit: 'Audit log',
    auditIntro: 'Every administrative action, in order, hash-chained so no entry can be removed unnoticed.',
    when: 'When',
    who: 'Who',
    what: 'Action',
    details: 'Details',
  },
  // section: scrutineer (one block per area; keep this marker line)
  mail: {
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
    login: (login: string) => `Your login: ${login}`,
    help: (contact: string) => `Questions or problems: ${contact}`,
    signature: 'This message was sent automatically by Scrutin; do not reply to it.',
    credential: {
      subject: (election: string) => `Your voting credential – ${election}`,
      recoverySubject: (election: string) => `Your voting credential (new copy) – ${election}`,
      recoveryIntro: 'As requested, here again is your voting credential; it is the same as before.',
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
  },
  // section: mail (one block per area; keep this marker line)
  roll: {
    mail: {
      noticeSubject: (election: string) => `Change to your registration – ${election}`,
      addressChanged: (from: string, to: string, when: string) =>
        `On ${when}, the address registered for your login in this election was changed from ${from} to ${to}. From now on, the election’s messages go to the new address only.`,
      ifNotYou:
        'If you did not ask for this change, contact the help desk at once: someone may be trying to vote in your place.',
      noHelpContact:
        'If you did not ask for this change, tell the election’s organisers or scrutineers at once: someone may be trying to vote in your place.',
      scrutineers:
        'The election’s scrutineers observe the voter roll: this change is recorded in the election’s audit log, which they read, and counted with your login on the election’s public page.',
      replacesEarlier:
        'This message replaces the one sent earlier for this election to your previous address.',
    },
    page: {
      heading: 'Changes to the roll after credentials were issued',
      count: (n: number) => `Changes to the roll after credentials were issued: ${n}`,
      logins: 'Logins concerned:',
      correctAddress: 'Correct the address',
      addVoter: 'Add a voter',
      removeVoter: 'Remove',
      changeWeight: 'Change the weight',
      newAddress: (login: string) => `New address for ${login}:`,
      newWeight: (login: string) => `New weight for ${login}:`,
      confirmRemove: (login: string) =>
        `Remove ${login} from the roll? Their credential is removed; the change is recorded and shown to scrutineers.`,
      addPrompt: 'New voter: email,login,weight,name[,language]',
      done: 'Done: the change is recorded in the audit log.',
      notice:
        'Credentials have been issued: the roll changes one voter at a time. Each change is recorded, shown to scrutineers and counted on the public page; a changed address is told at the old address first.',
      roll: 'Voter roll (addresses masked)',
    },
  },
  congressPages: {
    /** The procès-verbal's refusal page, rendered by the server. */
    reportRefusal: { title: 'Official report', back: 'Back to the administration' },
    consultations: 'Consultations',
    noConsultations: 'No consultation yet.',
    roundN: (n: number) => `round ${n}`,
    roundHeading: (n: number) => `Round ${n}`,
    boxCount: (n: number) => (n === 1 ? '1 box' : `${n} boxes`),
    openConsultation: (name: string) => `Open the consultation ${name}`,
    otherElections: 'Elections outside any consultation',
    back: 'Back to your organisations',
    loading: 'Loading the consultation…',
    create: {
      summary: 'New consultation (one ballot box per federation)',
      intro:
        'A consultation runs the same questions in several ballot boxes (one per federation, for instance) and adds up their verified results.',
      template: 'Template',
      templates: {
        leader:
          'Election of a leader: one choice among candidates, two rounds (top 2 go through unless a candidate has more than 50 %)',
        motion: 'Motion: for or against, one round',
      } as Record<string, string>,
      name: 'Name of the consultation',
      description: 'Description of the consultation (shown to voters)',
      timeZone: 'Time zone of the consultation',
      boxes: 'Ballot boxes, one federation per line',
      boxesHint: 'Each line becomes a ballot box with its own roll, e.g. "Paris".',
      question: 'Question',
      answers: 'Candidates or answers, one per line',
      blank: 'Voters may vote blank',
      rule: 'Two rounds: a second round follows when nobody is elected in the first',
      qualifying: 'Candidates going through to round 2 (top N)',
      majority: 'Elected in round 1 with strictly more than this % of the votes cast',
      minimum: 'Also going through: candidates with at least this % (leave empty for none)',
      blankCounted: 'Blank votes count in the votes cast the percentages are taken of',
      serverTrustee:
        'The server holds the decryption key of every box (the weakest mode; trustees can be added on each box page instead)',
      submit: 'Create the consultation',
      missing: 'Give a name, at least one ballot box, a question and at least two answers.',
      badNumber: 'The round rule needs whole numbers: N at least 1, percentages between 0 and 100.',
      created: (name: string) => `The consultation ${name} was created.`,
    },
    header: {
      round: (n: number) => `Round ${n}`,
      previous: (n: number) => `This is round ${n}. See round ${n - 1}.`,
      previousLink: (n: number) => `Round ${n} of this consultation`,
      next: (n: number) => `Round ${n} has been prepared:`,
      nextLink: (n: number) => `open round ${n}`,
      rule: (top: number, majority: string, minimum: string | null, blank: boolean) =>
        `Round rule: elected with more than ${majority} of the votes cast; otherwise the top ${top}${minimum ? ` and candidates with at least ${minimum}` : ''} go through; blank votes ${blank ? 'counted' : 'not counted'} in the votes cast.`,
      noRule: 'Final round: no further round follows.',
      trusteesNote:
        'Round 2 boxes keep the Single trustees’ keys; a server key is generated again, and threshold groups must make a new key on each box page.',
    },
    roll: {
      heading: 'Voter roll of all boxes',
      intro:
        'One CSV for the whole consultation: federation,email,login,weight,name[,language]. The federation is the name of a box. Nothing is imported unless the whole file is right; a box absent from the file keeps its roll.',
      file: 'CSV file',
      text: 'Or paste the CSV here',
      submit: 'Import the roll',
      empty: 'Choose a file or paste the CSV first.',
      imported: (parts: string) => `Roll imported: ${parts}.`,
      part: (box: string, n: number) => `${box} ${n}`,
      frozen: 'The rolls are frozen: some boxes are no longer drafts.',
    },
    boxes: {
      heading: 'Ballot boxes',
      table: 'Table of the ballot boxes (scrolls sideways)',
      federation: 'Federation',
      channel: 'Channel',
      state: 'State',
      voters: 'Voters',
      turnout: 'Turnout',
      delivery: 'Credentials sent',
      verification: 'Verification',
      actions: 'Actions',
      online: 'online',
      paper: 'paper (not cryptographically verifiable)',
      entered: 'entered by hand',
      turnoutValue: (voted: number, voters: number) => `${voted} / ${voters}`,
      deliveryValue: (sent: number, failed: number, voters: number) =>
        failed > 0 ? `${sent} / ${voters} (${failed} failed)` : `${sent} / ${voters}`,
      status: {
        counted: 'verified and counted',
        annulled: 'annulled, not counted',
        pending: 'not published yet',
        unverified: 'verification failed: not counted',
      } as Record<string, string>,
      annulledBecause: (reason: string) => `Annulled: ${reason}`,
      replaces: (label: string) => `re-run of the annulled box ${label}`,
      replacedBy: 'replaced by a re-run',
      all: 'All boxes at once',
      allHint:
        'Each button moves every box that can take that step; the others are left as they are and listed.',
      step: {
        credentials: 'Generate and send the credentials',
        open: 'Open',
        close: 'Close',
        tally: 'Tally',
        publish: 'Publish',
      } as Record<string, string>,
      allStep: {
        credentials: 'Generate and send the credentials of every draft box',
        open: 'Open every box',
        close: 'Close every box',
        tally: 'Tally every box',
        publish: 'Publish every box',
      } as Record<string, string>,
      oneStep: (step: string, box: string) => `${step}: ${box}`,
      effects: {
        credentials: [
          'The server generates a voting credential for each voter of the box and mails it to that voter only.',
          'Nobody, you included, sees a credential; the voters’ public credentials are fixed in the box.',
        ],
        open: [
          'Questions, voter roll and keys of the box are frozen in its public setup.',
          'Voters can vote from now on.',
        ],
        close: ['Nobody can vote in the box any more.', 'The ballot box is sealed; this cannot be undone.'],
        tally: ['The encrypted ballots are added up; the trustees can then decrypt the result.'],
        publish: [
          'The trustees’ decryptions are combined and the box result is published with its archive.',
          'The box then counts in the consolidated result once its archive is verified.',
        ],
      } as Record<string, readonly string[]>,
      which: (labels: string) => `Boxes concerned: ${labels}.`,
      noneCan: 'No box can take this step now.',
      confirm: (action: string) => `${action}?`,
      moved: (n: number) => (n === 1 ? '1 box moved.' : `${n} boxes moved.`),
      refused: (label: string, reason: string) => `${label}: ${reason}`,
      refusal: {
        SCR_NO_VOTERS: 'Import the voter list first.',
        SCR_NOT_DECRYPTED: 'Not every trustee needed has decrypted the tally yet.',
        SCR_INVALID_SETUP: 'The box is not ready to open.',
        SCR_WRONG_STATE: 'The box is not in a state that allows this.',
        SCR_RECOVERY_CHOICE_NEEDED: 'Choose the credential recovery option on the box page first.',
        SCR_INVALID_CREDENTIALS: 'The public credentials have errors.',
      } as Record<string, string>,
      done: (action: string, box: string) => `Done: ${action} — ${box}.`,
      annul: 'Annul',
      annulTitle: (box: string) => `Annul the box ${box}?`,
      annulEffects: [
        'The box is excluded from the consolidated result; it stays listed with its figures and the reason.',
        'If it is not published yet, its election is annulled too: voting in it stops.',
        'It can then be replaced once, by an online re-run or a paper box.',
      ],
      reason: 'Reason for the annulment (shown everywhere the box is)',
      reasonMissing: 'Give the reason (at least 5 characters).',
      annulled: (box: string) => `The box ${box} is annulled.`,
      rerun: 'Re-run',
      rerunTitle: (box: string) => `Re-run the box ${box} online?`,
      rerunEffects: [
        'A new draft box is created with the same label, questions, voter roll and trustees.',
        'New credentials must be issued to its voters; then it is opened like the others.',
      ],
      rerunDone: (box: string) => `A re-run of ${box} was created as a draft.`,
      boxPage: (box: string) => `Box page of ${box}`,
      noAction: '—',
    },
    paper: {
      heading: 'Enter a paper box',
      intro:
        'For a box counted elsewhere (on paper): its totals, who entered them, and the counting report. Such a box is marked “not cryptographically verifiable” in every output.',
      label: 'Label of the box (federation)',
      replaces: 'Replaces an annulled box',
      replacesNone: 'No: a new box',
      enteredBy: 'Entered by (name of the person responsible)',
      registeredVoters: 'Registered voters',
      ballotsCounted: 'Ballots counted',
      registeredWeight: 'Registered weight (empty: same as the voters)',
      weightCast: 'Weight cast (empty: same as the ballots)',
      countsOf: (n: number, question: string) => `Counts for question ${n}: ${question}`,
      blankLine: 'Blank votes',
      report: 'Counting report (file, kept when at most 256 KiB)',
      reportHash: 'Or the SHA-256 of the report (64 hexadecimal digits)',
      reportMissing: 'Attach the report or give its SHA-256.',
      missing: 'Give the label, the person who entered the totals and whole numbers in every count.',
      submit: 'Record the paper box',
      confirmTitle: (box: string) => `Record the paper box ${box}?`,
      confirmEffects: (by: string) => [
        `Totals entered by ${by}, with the report’s SHA-256.`,
        'The box counts in the consolidated result, marked “not cryptographically verifiable”.',
      ],
      done: (box: string) => `The paper box ${box} was recorded.`,
      notVerifiable: 'not cryptographically verifiable',
    },
    result: {
      heading: 'Consolidated result',
      provisional: 'Provisional: some boxes are not published yet. Only verified boxes are added.',
      complete: 'Complete: every box is published or annulled.',
      counted: (boxes: number, paper: number) =>
        `${boxes === 1 ? '1 box counted' : `${boxes} boxes counted`}${paper > 0 ? `, of which ${paper} entered by hand (not cryptographically verifiable)` : ''}.`,
      turnout: (cast: string, registered: string, percent: string) =>
        `Weight cast: ${cast} of ${registered} (${percent}).`,
      chart: (question: string) => `Bar chart: ${question}`,
      answer: 'Answer',
      count: 'Votes (weighted)',
      ofCast: '% of votes cast',
      ofValid: '% of valid votes',
      blank: 'Blank',
      validVotes: (n: string) => `Valid votes: ${n}.`,
      resultTable: (question: string) => `Result: ${question} (scrolls sideways)`,
      perBox: 'Breakdown by box',
      perBoxTable: (question: string) => `Votes by box: ${question} (scrolls sideways)`,
      total: 'Consolidated',
      box: 'Box',
      status: 'Status',
      decision: {
        elected: (who: string) => `Elected: ${who}.`,
        second: (who: string) => `No candidate has the required majority: ${who} go through to round 2.`,
        noVotes: 'No votes: nobody is elected.',
        tie: (who: string) => `Tie: ${who}.`,
      },
      exports: 'Exports',
      csv: 'Result as CSV',
      json: 'Result as JSON',
      pvFr: 'Procès-verbal (French)',
      pvEn: 'Official report (English)',
      percent: (p: string | null) => (p === null ? '—' : `${p} %`),
    },
    boxHeader: {
      of: (box: string, consultation: string, round: number) =>
        `Ballot box ${box} of the consultation “${consultation}”, round ${round}.`,
      link: 'Open the consultation',
    },
    publicLinks: {
      of: (box: string, consultation: string, round: number) =>
        `This is the ballot box ${box} of the consultation “${consultation}”, round ${round}.`,
      annulledRerun: 'This box was annulled and re-run:',
      rerunLink: (box: string) => `public page of the re-run of ${box}`,
      annulledPaper: (box: string) =>
        `This box was annulled and replaced by a paper box ${box} (not cryptographically verifiable).`,
      replaces: 'This box replaces an annulled box:',
      replacesLink: (box: string) => `public page of the annulled box ${box}`,
    },
    scrutineer: {
      heading: (name: string) => `Consultation: ${name}`,
      readOnly: 'Read only: the consultation’s boxes and its provisional consolidated result.',
    },
  },
  // section: congress-pages (one block per area; keep this marker line)
  // section: congress-defects (one block per area; keep this marker line)
  congressDefects: {
    admin: {
      newKeys:
        'Each trustee of this group makes a new key for this box, on the trustee page: keys are never carried over from another box or round (a re-run or the next round copies the group’s members and threshold only).',
    },
    mail: {
      roundName: (name: string, round: number) => `${name} (round ${round})`,
    },
    booth: {
      replaces:
        'You have already voted; this ballot will replace your previous one. Only your last ballot counts.',
      replaced: 'Your new ballot replaced the previous one: only this one counts.',
      accessIntro:
        'You can already check that your login, password and voting credential work, without voting: nothing is cast.',
      accessStart: 'Test my access now',
      accessHeading: 'Access test',
      accessCredentialIntro:
        'Enter your voting credential to check it is the one registered for you. Nothing is cast.',
      accessSubmit: 'Test my credential',
      accessProgress: 'Checking your credential…',
      accessPassed:
        'Your access works: your credential is the one registered for you. Come back when voting opens.',
    },
  },
  // section: ops (one block per area; keep this marker line)
  ops: {
    /** The body of an unexpected server error (the server renders it). */
    internalError: 'Internal error.',
    home: {
      title: 'End-to-end verifiable elections',
      intro:
        'Scrutin runs online elections for federations, associations and unions. Each vote is encrypted in the voter’s browser; anyone can check, from the public archive, that every ballot counted was cast by a registered voter and that the result is right, without learning how anyone voted.',
      belenios:
        'Archives follow the Belenios 2.0 format: they can also be checked with Inria’s belenios-tool.',
      voters: 'Voters: use the link in the message you received for your election.',
      staff: 'Staff',
      signIn: 'Sign in to manage elections (administrators, trustees, scrutineers)',
      operator: 'Operator console (organisations of this server)',
    },
    operator: {
      title: 'Operator console',
      signInIntro: 'Sign in with the operator account of this server.',
      notOperator:
        'This account is not the operator of this server. Organisations are managed here by the operator only; administrators go to the administration pages.',
      toAdmin: 'Go to the administration pages',
      intro: 'Organisations of this server. You see their names and sizes, never their elections’ content.',
      organisations: 'Organisations',
      none: 'No organisation yet.',
      name: 'Name',
      created: 'Created',
      admins: 'Administrators',
      elections: 'Elections',
      create: 'Create an organisation',
      createIntro:
        'The first administrator signs in with their email address and the initial password generated below, shown once, then adds the other people.',
      organisationName: 'Name of the organisation',
      adminName: 'Name of the first administrator',
      adminEmail: 'Email address of the first administrator',
      submit: 'Create the organisation',
      progress: 'Creating the organisation…',
      missing: 'Give the organisation’s name, and the first administrator’s name and email address.',
      badEmail: 'The email address is not valid.',
      created_: (name: string) => `Organisation “${name}” created.`,
      passwordHeading: 'Initial password of the first administrator',
      passwordOnce:
        'Shown once, here only: it is not stored in clear and cannot be shown again. Give it to the administrator by a channel other than the email address (in person, by phone), and ask them to keep it secret.',
      passwordFor: (email: string) => `Sign-in for ${email}:`,
      dismiss: 'I have passed it on: hide it',
      table: 'Table of the organisations (scrolls sideways)',
    },
    mail: {
      notConfigured:
        'Mail is not configured on this server: nothing can be sent to voters. The server administrator must set SMTP_URL (see docs/deploy.md) and restart the server.',
      demo: 'Demo server: messages to voters are not sent; each one is noted on the terminal that runs the demo.',
    },
  },
  browserVerify: {
    heading: 'Verify in your browser',
    intro:
      'Your browser can check the whole archive itself, with the same verifier as the command-line tools: every ballot’s proofs, the tally, the decryptions and the result. The checking runs on your device; only the archive is downloaded.',
    caveat:
      'This page’s code comes from the election server, which is the party being checked: if the outcome matters, also run one of the independent tools below.',
    start: 'Verify this election in my browser',
    again: 'Verify again',
    progressLabel: 'Verification progress',
    downloading: (kib: number) => `Downloading the archive: ${kib} KiB`,
    eventsRead: (events: number) => `Events read: ${events}`,
    ballotsChecked: (done: number, total: number) => `Ballots checked: ${done} of ${total}`,
    workers: (workers: number) => (workers === 1 ? 'On 1 worker.' : `On ${workers} workers in parallel.`),
    timeLeft: (seconds: number) =>
      seconds < 60
        ? `About ${Math.max(1, Math.round(seconds))} s left.`
        : `About ${Math.round(seconds / 60)} min left.`,
    replaying: 'Checking the tally, the decryptions and the result…',
    passed: (seconds: string) => `All checks passed (in ${seconds} s).`,
    failed: (check: string) => `Verification failed: the “${check}” check does not pass.`,
    cannotVerify: (check: string) =>
      `Not verified: this verifier cannot do the “${check}” check yet (shuffles of non-homomorphic questions are not supported). The archive is neither confirmed nor shown to be wrong: use a verifier that checks shuffles, such as belenios-tool.`,
    downloadFailed: 'The archive could not be downloaded. Check your connection and try again.',
    unreadable: (problem: string) => `The archive cannot be read: ${problem}`,
    crashed: (problem: string) => `The verifier stopped unexpectedly: ${problem}`,
    noWorkers: 'This browser cannot run the verifier (Web Workers are disabled). Use one of the tools below.',
    checksCaption: 'Verdict of each check',
    checkColumn: 'Check',
    verdictColumn: 'Verdict',
    countColumn: 'Items checked',
    verdicts: {
      pass: 'Passed',
      fail: 'Failed',
      unsupported: 'Cannot check yet',
      'not-reached': 'Not reached',
      'not-applicable': 'Not applicable',
    },
    checks: {
      archive: 'Archive format',
      chain: 'Chain of events',
      setup: 'Election setup',
      trustees: 'Trustee keys',
      credentials: 'Voting credentials',
      ballots: 'Ballots (signatures and proofs)',
      'encrypted-tally': 'Encrypted tally',
      shuffles: 'Shuffles',
      'partial-decryptions': 'Partial decryptions',
      result: 'Result',
    },
    resultHeading: 'Recomputed and published result',
    resultCaption: (question: string) => `Question: ${question}`,
    answerColumn: 'Answer',
    recomputedColumn: 'Recomputed from the archive',
    publishedColumn: 'Published on this page',
    sameColumn: 'Same',
    same: 'Yes',
    different: 'No',
    blank: 'Blank vote',
    resultSame: 'The result recomputed from the archive is the one published.',
    resultDifferent:
      'The result recomputed from the archive differs from the one published: tell the organisers.',
    noPublished: 'No result is published on this page yet.',
    noResult: 'The archive holds no result yet: the checks cover the board as it is now.',
    nodeLabel:
      'Or, with nothing but Node.js 20, Scrutin’s single-file verifier. Do not take it from this server: build it from a tagged release of Scrutin’s source code and compare its SHA-256 with the one in that release’s docs/verify.md. Then run:',
    sourceLink: 'Scrutin’s source code and docs/verify.md',
  },
  // section: browser-verify (one block per area; keep this marker line)
  accounts: {
    addMemberIntro:
      'Trustees, scrutineers and other admins sign in with their own account. The person receives an invitation by mail, valid 72 hours, and chooses their own password: nobody else ever knows it.',
    invited: (name: string, until: string) =>
      `${name} was added and sent an invitation by mail (valid until ${until}).`,
    notMailed: (name: string) =>
      `${name} was added, but the invitation could not be mailed: send it again from the list once mail works.`,
    memberMissing: 'Enter a name and an email address.',
    status: 'Account',
    statuses: {
      invited: 'invited (no password yet)',
      active: 'active',
      suspended: 'suspended',
      removed: 'removed',
    } as Record<string, string>,
    actions: 'Actions',
    resend: 'Send the invitation again',
    resent: (name: string) => `A new invitation was mailed to ${name}; the earlier link no longer works.`,
    suspend: 'Suspend',
    suspendConfirm: (name: string) =>
      `Suspend ${name}? They are signed out at once and cannot sign in until reinstated.`,
    suspended: (name: string) => `${name} is suspended and signed out.`,
    reinstate: 'Reinstate',
    reinstated: (name: string) => `${name} is reinstated.`,
    remove: 'Remove',
    removeConfirm: (name: string) =>
      `Remove ${name} from the organisation? Their roles on its elections end.`,
    removed: (name: string) => `${name} was removed.`,
    setUp: (created: string, passwordSet: string) =>
      `Your account was set up on ${created}; your password was last set on ${passwordSet}.`,
    changePassword: 'Change my password',
    currentPassword: 'Current password',
    newPassword: 'New password (at least 10 characters, not a common one)',
    confirmPassword: 'New password again',
    changeSubmit: 'Change my password',
    changed: 'Your password is changed; your other sessions are signed out.',
    mismatch: 'The two new passwords differ.',
    forgotten: 'Forgotten password?',
    forgottenIntro:
      'Enter the email address of your account: if it has one, a link to choose a new password (valid one hour, usable once) is mailed to it.',
    forgottenEmail: 'Address of your account',
    forgottenSubmit: 'Mail me a link',
    forgottenSent:
      'If an account has this address, a link was mailed to it. It is valid for one hour and can be used once.',
    setHeading: 'Choose your password',
    setIntro:
      'Choose the password of your Scrutin account. Nobody else knows it; the link you opened works only once.',
    setSubmit: 'Save my password',
    setDone: (email: string) => `Your password is saved. Sign in with ${email} and this password.`,
    signInLink: 'Sign in',
    operatorCreateIntro:
      'The first administrator is mailed an invitation (valid 72 hours) and chooses their own password: you never see it. They then add the other people.',
    operatorInvited: (email: string, until: string) =>
      `The invitation was mailed to ${email}; its link works once, until ${until}.`,
    operatorNotMailed: (email: string) =>
      `The organisation was created, but the invitation to ${email} could not be mailed. Once mail works, they ask for a new link with “Forgotten password?” on /admin.`,
    noToken: 'This page needs the link you received by mail. Open the link from the mail again.',
  },
  // section: accounts (keep this marker line)
};

export type Messages = typeof en;
