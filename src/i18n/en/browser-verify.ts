/** English messages of verification in the browser. */

export const browserVerify = {
  heading: 'Verify in your browser',
  intro:
    'Your browser can check the whole archive itself, with the same verifier as the command-line tools: every ballot’s proofs, the tally, the decryptions and the result. The checking runs on your device; only the archive is downloaded.',
  caveat:
    'This page’s code comes from the election server, which is the party being checked: if the outcome matters, also run one of the independent tools described on this page.',
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
  noWorkers:
    'This browser cannot run the verifier (Web Workers are disabled). Use one of the independent tools described on this page.',
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
};
