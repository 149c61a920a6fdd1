/**
 * English texts of the procès-verbal (official report) of a consultation, printed and signed. Not
 * part of `Messages`: only the server renders it, so the pages' bundles do not carry it.
 */

export const procesVerbal = {
  title: 'Official report (procès-verbal)',
  round: (n: number) => `Round ${n}`,
  generated: 'Drawn up on',
  provisional: 'PROVISIONAL: some boxes are not published yet.',
  consolidated: 'Consolidated result',
  boxes: 'Ballot boxes',
  box: 'Box',
  channel: 'Channel',
  online: 'online (Belenios archive)',
  paper: 'paper / other channel',
  notVerifiable: 'not cryptographically verifiable',
  archive: 'Archive',
  archiveState: {
    counted: 'verified (every ballot, the tally and the decryptions re-checked)',
    annulled: 'kept for the record: the box is annulled, its figures are not counted',
    pending: 'not published yet',
    unverified: 'does not verify: not counted',
  },
  status: {
    counted: 'counted',
    annulled: 'annulled, excluded',
    pending: 'pending, not counted',
    unverified: 'does not verify, not counted',
  },
  registered: 'Registered voters',
  registeredWeight: 'Registered weight',
  ballots: 'Ballots counted',
  weightCast: 'Weight cast',
  turnout: 'Turnout (weight)',
  answer: 'Answer',
  count: 'Votes',
  ofCast: '% of votes cast',
  ofValid: '% of valid votes',
  ofRegistered: '% of registered',
  blank: 'Blank',
  valid: 'Valid votes',
  sealed: 'Sealed hashes (election / trustees / credentials)',
  finalHash: 'Final archive event hash',
  events: (n: number) => `event no. ${n}`,
  archiveSha: 'Archive file SHA-256',
  enteredBy: 'Entered by',
  report: 'Attached report (SHA-256)',
  annulled: 'Annulment',
  replaces: 'Re-run of box',
  replacedBy: 'Replaced by box',
  rollChanges: 'Changes to the roll after credentials were issued',
  decision: 'Decision',
  elected: (name: string, percent: string) => `${name} is elected (more than ${percent} of the votes).`,
  electedOnly: (name: string) => `${name} is elected (only candidate with votes).`,
  electedMost: (name: string) => `${name} is elected (most votes in this final round).`,
  tie: (names: string) => `Tie for the most votes between ${names}: nobody is elected by this round.`,
  secondRound: (names: string) => `Qualified for the next round: ${names}.`,
  tied: (names: string) => `Qualified by a tie at the threshold: ${names}.`,
  noVotes: 'No votes: no decision.',
  previousRound: (n: number) => `Official report of round ${n}`,
  nextRound: (n: number) => `Official report of round ${n}`,
  rounds: 'Rounds',
  notes: 'Notes',
  annulledNote: (box: string, reason: string) =>
    `Box ${box} is annulled and excluded from the consolidated result: ${reason}`,
  paperNote: (n: number) =>
    n === 1
      ? '1 counted box was entered by hand: it is not cryptographically verifiable.'
      : `${n} counted boxes were entered by hand: they are not cryptographically verifiable.`,
  signatures: 'Signatures',
  signers: ['Chair of the electoral committee', 'Secretary', 'Scrutineer'],
  signHint: 'Name, date and signature',
};

export type ProcesVerbalMessages = typeof procesVerbal;
