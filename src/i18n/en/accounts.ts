/** English messages of accounts, passwords and invitations. */

export const accounts = {
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
  removeConfirm: (name: string) => `Remove ${name} from the organisation? Their roles on its elections end.`,
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
};
