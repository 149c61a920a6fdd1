/** English messages of the defects a consultation check reports. */

export const congressDefects = {
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
};
