/** Sign-in answers (src/server/auth/plugin.ts): staff accounts, voters, and who is signed in. */
import * as Type from '@sinclair/typebox';

// Response schemas double as allowlists: the server's serialiser drops every field they do not name.
export const AccountView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isOperator: Type.Boolean(),
  createdAt: Type.String(),
  passwordSetAt: Type.Union([Type.String(), Type.Null()]),
});
export type AccountView = Type.Static<typeof AccountView>;

export const AccountLoginReply = Type.Object({ account: AccountView, csrfToken: Type.String() });
export type AccountLoginReply = Type.Static<typeof AccountLoginReply>;

export const VoterLoginReply = Type.Object({
  voter: Type.Object({ login: Type.String(), displayName: Type.String() }),
  csrfToken: Type.String(),
});
export type VoterLoginReply = Type.Static<typeof VoterLoginReply>;

export const MeReply = Type.Union([
  Type.Object({ kind: Type.Literal('anonymous') }),
  Type.Object({ kind: Type.Literal('account'), account: AccountView, csrfToken: Type.String() }),
  Type.Object({
    kind: Type.Literal('voter'),
    voter: Type.Object({ electionId: Type.String(), login: Type.String(), displayName: Type.String() }),
    csrfToken: Type.String(),
  }),
]);
export type MeReply = Type.Static<typeof MeReply>;
