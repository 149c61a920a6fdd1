/**
 * The procès-verbal's section on seats and decisions under an election's own rules (issue 17),
 * apart from `Messages` like the rest of the procès-verbal (src/i18n/seats-proces-verbal.ts).
 */
export const seatsProcesVerbal = {
  title: 'Seats and decisions under the election rules',
  hash: 'Sealed hash of the election rules',
  pending: 'Seats are allocated once every box is published or annulled.',
  question: (n: number) => `Question ${n}`,
  method: {
    dhondt: "D'Hondt (highest averages)",
    'sainte-lague': 'Sainte-Laguë',
    hare: 'Hare quota, largest remainders',
  } as Record<string, string>,
  seatsThreshold: (seats: number, threshold: string) =>
    `${seats} seats; threshold ${threshold} % of the votes given to lists`,
  headers: ['List', 'Votes', 'Admitted', 'Seats', 'Elected, in list order'],
  yes: 'yes',
  no: 'no (below the threshold)',
  exhausted: 'all its candidates are elected: its further seats went to the next lists',
  averages: 'Averages (votes ÷ divisor)',
  divisor: 'divisor',
  quota: (q: string) => `Quota: ${q} votes per seat`,
  quotients: ['List', 'Whole quotas', 'Remainder'],
  vacant: (n: number) => `${n} seat(s) vacant: no list with votes and candidates left could take them.`,
  undecided: (seats: number, lists: string) =>
    `${seats} seat(s) undecided: equal averages and equal votes between ${lists}.`,
  settled: (step: string, winners: string) => `Settled by the statutes (${step}): ${winners}.`,
  steps: { 'older-candidate': 'older candidate', draw: 'draw by lot' } as Record<string, string>,
  draw: (context: string, seed: string) =>
    `Draw "${context}", seed ${seed} (SHA-256 of "scrutin-draw-v1|" + final archive hash + "|" + context).`,
  unsettled: 'Not settled yet: the statutes decide, and an admin records it.',
  outcome: {
    adopted: 'adopted',
    rejected: 'rejected',
    'quorum-not-reached': 'quorum not reached',
    elected: 'elected',
    tie: 'tie',
    'second-round': 'second round',
    'no-votes': 'no votes',
  } as Record<string, string>,
  quorum: (turnout: string, required: string) => `turnout ${turnout}, quorum ${required}`,
  majority: (majority: string, base: string) => `majority ${majority} of ${base}`,
};

export type SeatsProcesVerbalMessages = typeof seatsProcesVerbal;
