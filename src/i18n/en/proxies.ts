/** Proxies (procurations, issue 17): the holder's mail, the voter's proxy page, the staff lists, the PV. */
export const proxies = {
  mail: {
    subject: (election: string, giver: string) => `Proxy: the voting credential of ${giver} – ${election}`,
    intro: (giver: string) =>
      `You accepted the proxy of ${giver}. Here is the voting credential you will use to vote in their name; it is not your own credential. Their vote counts with their weight.`,
    label: (giver: string) => `Voting credential of ${giver}`,
    how: 'Sign in with your own login, then enter this credential in the booth (the link fills it in): you cast one ballot for yourself and one for each proxy, each with its own choices.',
    keep: 'Keep this credential secret. If the proxy is revoked before voting opens, it stops working and the voter receives a new one.',
  },
  page: {
    title: 'Proxies',
    intro: (max: number) =>
      max === 0
        ? 'This election does not allow proxies.'
        : `Before voting opens, you may give your vote to another voter of this election, who votes for you with a credential of yours sent to them. A voter may hold at most ${max} ${max === 1 ? 'proxy' : 'proxies'}.`,
    giveLabel: 'Login of the voter you give your vote to',
    give: 'Give my proxy',
    given: (holder: string, state: string) => `You gave your proxy to ${holder} (${state}).`,
    revoke: 'Revoke',
    offeredTitle: 'Proxies offered to you',
    heldTitle: 'Proxies you hold',
    accept: 'Accept',
    decline: 'Decline',
    renounce: 'Give it back',
    none: 'None.',
    from: (giver: string) => `From ${giver}`,
    done: 'Done.',
    closed: 'Voting has opened: proxies can no longer change.',
  },
  states: {
    requested: 'waiting for acceptance',
    accepted: 'accepted',
    declined: 'declined',
    revoked: 'revoked',
    lapsed: 'not accepted before opening: void',
  } as Record<string, string>,
  staff: {
    title: 'Proxies',
    cap: (max: number) => (max === 0 ? 'No proxies in this election.' : `At most ${max} per holder.`),
    headers: ['Voter', 'Holder', 'State', 'Given', 'Decided or revoked'],
    holders: 'Proxies held',
    holdersHeaders: ['Holder', 'Proxies in force'],
    none: 'No proxy given.',
    capLabel: 'Proxies per holder (0: none)',
    save: 'Save',
  },
  signInList: (holder: string) => `voted by proxy (${holder})`,
  publicCount: (n: number, holders: number) =>
    n === 0
      ? 'No proxy in force.'
      : `${n} ${n === 1 ? 'proxy' : 'proxies'} in force, held by ${holders} ${holders === 1 ? 'voter' : 'voters'}: their ballots are cast by the holders with the givers' credentials and weights.`,
  pv: {
    heading: 'Proxies',
    line: (n: number, holders: number, max: number) =>
      `${n} ${n === 1 ? 'proxy' : 'proxies'} in force at opening, held by ${holders} ${holders === 1 ? 'voter' : 'voters'} (at most ${max} per holder). Each was given by the voter, accepted by the holder and audited.`,
  },
};
