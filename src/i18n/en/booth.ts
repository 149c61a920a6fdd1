/** English messages of the voting booth. */
import { answers } from './plural.js';

export const booth = {
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
    candidatesOf: (list: string) => `Candidates of ${list}, in list order`,
    gender: { F: 'woman', M: 'man' },
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
  ranked: {
    rankRule: (n: number) =>
      `Give each candidate a rank: 1 for your first choice, 2 for the next, and so on (up to ${n}). Leave a candidate “Not ranked” to put it after every ranked one.`,
    rankTiesAllowed: 'Two candidates may share a rank.',
    rankNoTies: 'Use each rank once, from 1 without skipping any.',
    gradeRule: (grades: string) => `Give each candidate one grade: ${grades} (the best first).`,
    orBlank: 'You may vote blank instead.',
    notRanked: 'Not ranked',
    rank: (r: number) => (r === 1 ? '1st' : r === 2 ? '2nd' : r === 3 ? '3rd' : `${r}th`),
    yourRanking: 'Your ranking so far',
    nothingRanked: 'No candidate ranked yet.',
    incomplete: 'Give every candidate a grade.',
    notConsecutive: 'Ranks must be 1, 2, 3… each used once, without a gap.',
    outOfRange: 'A rank or grade is not one of those offered.',
    blankNotAllowed: 'Rank at least one candidate: a blank vote is not allowed for this question.',
    blankWithValues:
      'A blank vote ranks and grades nobody: clear the ranks or grades, or untick “Vote blank”.',
    reviewRank: (rank: number, candidates: string) => `${rank}. ${candidates}`,
    reviewNotRanked: (candidates: string) => `Not ranked: ${candidates}`,
    reviewGrade: (candidate: string, grade: string) => `${candidate}: ${grade}`,
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
    copy: 'Copy the tracking number',
    copied: 'Tracking number copied.',
    copyFailed: 'This browser did not allow copying: select the number and copy it.',
  },
};
