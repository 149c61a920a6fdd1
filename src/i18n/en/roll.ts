/** English messages of the voter roll (import, changes, help desk). */

export const roll = {
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
    replacesEarlier: 'This message replaces the one sent earlier for this election to your previous address.',
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
};
