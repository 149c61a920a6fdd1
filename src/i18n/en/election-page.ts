/** English messages of the public election page. */
import { answers } from './plural.js';

export const electionPage = {
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
    ranked: {
      schulzeIntro:
        'Ranking of the candidates by the Condorcet-Schulze method, from the decrypted ballots (shuffled first, so that none can be linked to its voter).',
      stvIntro: (seats: string) =>
        `Elected by single transferable vote for ${seats}, from the decrypted ballots (shuffled first, so that none can be linked to its voter).`,
      mjIntro:
        'Ranking of the candidates by majority judgment, from the decrypted ballots (shuffled first, so that none can be linked to its voter).',
      listIntro: (n: number) =>
        `${n === 1 ? '1 decrypted ballot' : `${n} decrypted ballots`} (shuffled first, so that none can be linked to its voter); the list is in the archive below.`,
      place: (rank: number, names: string) => `${rank}. ${names}`,
      tied: (names: string[]) => `${names.join(', ')} (tied)`,
      seats: (n: number) => (n === 1 ? '1 seat' : `${n} seats`),
      elected: 'Elected',
      counts: (valid: number, blank: number | undefined, invalid: number) =>
        `${[
          `${valid === 1 ? '1 valid ballot' : `${valid} valid ballots`}`,
          blank === undefined ? '' : `${blank} blank`,
          invalid === 0 ? '' : `${invalid} invalid`,
        ]
          .filter((x) => x !== '')
          .join(', ')}.`,
      candidate: 'Candidate',
      majorityGrade: 'Majority grade',
      gradesCaption: (question: string) => `Grades given: ${question}`,
    },
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
};
