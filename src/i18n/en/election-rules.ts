/** An election's own rules (issue 17): the public page's lists and seats, the admin's rules editor. */
export const electionRules = {
  page: {
    heading: 'Lists and candidates',
    headingResult: 'Seats and decisions',
    sectionTitle: (question: string, result: boolean) => `${result ? 'Seats' : 'Lists'} — ${question}`,
    question: (n: number) => `Question ${n}`,
    methods: {
      dhondt: "D'Hondt (highest averages)",
      'sainte-lague': 'Sainte-Laguë (highest averages)',
      hare: 'Hare quota and largest remainders',
    } as Record<string, string>,
    rule: (method: string, seats: number, threshold: string) =>
      `${seats} seat${seats === 1 ? '' : 's'} allocated by ${method}; lists below ${threshold} % of the votes given to lists get no seat.`,
    gender: { F: 'woman', M: 'man' },
    seatsCaption: 'Seats per list, from the verified totals',
    seatsHeaders: ['List', 'Votes', 'Seats', 'Elected, in list order'],
    belowThreshold: 'below the threshold',
    exhausted: 'all its candidates are elected; its further seats went to the next lists',
    vacant: (n: number) =>
      `${n} seat${n === 1 ? '' : 's'} left vacant: no list with votes had candidates left.`,
    undecided: (seats: number, lists: string) =>
      `${seats} seat${seats === 1 ? '' : 's'} undecided: equal averages and equal votes between ${lists}.`,
    settled: (step: string, winners: string, seed: string | null) =>
      `Settled by the statutes (${step}): ${winners}.${seed ? ` Draw seed: ${seed}, recomputable from the final archive hash.` : ''}`,
    unsettled: 'Not settled yet: the statutes decide, and an administrator records how.',
    steps: { 'older-candidate': 'older candidate', draw: 'draw by lot' } as Record<string, string>,
    averages: 'Averages (votes divided by each divisor)',
    divisor: (d: string) => `÷ ${d}`,
    quota: (q: string) => `Quota: ${q} votes per seat; whole quotas and remainders`,
    noQuota: 'No list with votes: no quota',
    remainderHeaders: ['List', 'Whole quotas', 'Remainder'],
    outcomes: {
      adopted: 'adopted',
      rejected: 'rejected',
      'quorum-not-reached': 'quorum not reached',
      elected: 'elected',
      tie: 'tie',
      'second-round': 'second round',
      'no-votes': 'no votes',
    } as Record<string, string>,
    quorum: (turnout: string, required: string) => `turnout ${turnout} for a quorum of ${required}`,
    majority: (majority: string, base: string) => `majority ${majority} of ${base} votes`,
    sealed: 'Election rules (lists, seats, majorities)',
  },
  admin: {
    heading: 'Election rules (lists and seats)',
    intro:
      'For an election of lists: the answers of the chosen question are the lists; give each its candidates in order. The rules are sealed when the election opens and cannot change afterwards.',
    none: 'This election has no rules of its own.',
    sealed: 'Sealed when the election opened: they can no longer change.',
    hash: 'Sealed hash:',
    summary: (question: number, method: string, seats: number, threshold: string, lists: number) =>
      `Question ${question}: ${seats} seat(s) among ${lists} lists by ${method}, threshold ${threshold} %`,
    noLists: 'No question of lists',
    listQuestion: 'Question whose answers are the lists',
    method: 'Seat allocation',
    methods: {
      dhondt: "D'Hondt (highest averages)",
      'sainte-lague': 'Sainte-Laguë',
      hare: 'Hare quota, largest remainders',
    },
    seats: 'Seats to fill',
    threshold: 'Threshold (% of the votes given to lists)',
    parity: 'Parity of the lists',
    parities: {
      none: 'Not required',
      alternating: 'Alternating genders',
      balanced: 'At most one of difference',
    },
    candidatesOf: (list: string) => `Candidates of ${list}, in list order`,
    candidatesHint:
      'One per line: name; F or M; birth date (YYYY-MM-DD). Gender and birth date are optional.',
    tieBreak: 'When equal votes leave a seat undecided',
    tieBreaks: {
      '': 'Report the tie',
      'older-candidate,draw': 'Older candidate, then a draw by lot',
      draw: 'Draw by lot (from the final archive hash)',
      'older-candidate': 'Older candidate',
    },
    badLine: (list: string, line: string) => `${list}, line ${line}: write "name; F or M; YYYY-MM-DD".`,
    noCandidates: (list: string) => `${list} has no candidate.`,
    save: 'Save the rules',
    saved: 'Election rules saved.',
  },
};
