/** English messages of operations (server, CLI, health). */

export const ops = {
  /** The body of an unexpected server error (the server renders it). */
  internalError: 'Internal error.',
  home: {
    title: 'End-to-end verifiable elections',
    intro:
      'Scrutin runs online elections for federations, associations and unions. Each vote is encrypted in the voter’s browser; anyone can check, from the public archive, that every ballot counted was cast by a registered voter and that the result is right, without learning how anyone voted.',
    belenios: 'Archives follow the Belenios 2.0 format: they can also be checked with Inria’s belenios-tool.',
    voters: 'Voters: use the link in the message you received for your election.',
    staff: 'Staff',
    signIn: 'Sign in to manage elections (administrators, trustees, scrutineers)',
    operator: 'Operator console (organisations of this server)',
  },
  operator: {
    title: 'Operator console',
    signInIntro: 'Sign in with the operator account of this server.',
    notOperator:
      'This account is not the operator of this server. Organisations are managed here by the operator only; administrators go to the administration pages.',
    toAdmin: 'Go to the administration pages',
    intro: 'Organisations of this server. You see their names and sizes, never their elections’ content.',
    organisations: 'Organisations',
    none: 'No organisation yet.',
    name: 'Name',
    created: 'Created',
    admins: 'Administrators',
    elections: 'Elections',
    create: 'Create an organisation',
    createIntro:
      'The first administrator signs in with their email address and the initial password generated below, shown once, then adds the other people.',
    organisationName: 'Name of the organisation',
    adminName: 'Name of the first administrator',
    adminEmail: 'Email address of the first administrator',
    submit: 'Create the organisation',
    progress: 'Creating the organisation…',
    missing: 'Give the organisation’s name, and the first administrator’s name and email address.',
    badEmail: 'The email address is not valid.',
    created_: (name: string) => `Organisation “${name}” created.`,
    passwordHeading: 'Initial password of the first administrator',
    passwordOnce:
      'Shown once, here only: it is not stored in clear and cannot be shown again. Give it to the administrator by a channel other than the email address (in person, by phone), and ask them to keep it secret.',
    passwordFor: (email: string) => `Sign-in for ${email}:`,
    dismiss: 'I have passed it on: hide it',
    table: 'Table of the organisations (scrolls sideways)',
  },
  mail: {
    notConfigured:
      'Mail is not configured on this server: nothing can be sent to voters. The server administrator must set SMTP_URL (see docs/deploy.md) and restart the server.',
    demo: 'Demo server: messages to voters are not sent; each one is noted on the terminal that runs the demo.',
  },
};
