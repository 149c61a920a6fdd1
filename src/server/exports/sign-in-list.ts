/**
 * The sign-in list (émargement), for scrutineers and election admins once voting has ended: for
 * each voter of the roll, whether at least one of their ballots was accepted. Who voted, never how,
 * and nothing that would tie a voter to a ballot on the public board: no tracker, no time of casting,
 * no credential, no weight.
 */
import type { ElectionState, Store, VoterRow } from '../../store/store.js';
import { exportTable } from './table.js';

export type SignInRow = {
  readonly login: string;
  readonly displayName: string;
  readonly voted: boolean;
  /** Issue 17: the login of the holder of the voter's proxy in force ('' when none): the ballot was theirs to cast. */
  readonly byProxy: string;
};

/** Voting has ended (closed, or annulled) in these states: before, the list would be live turnout per name. */
export const SIGN_IN_LIST_STATES: readonly ElectionState[] = ['closed', 'tallied', 'published', 'annulled'];

export function toSignInRow(
  v: Pick<VoterRow, 'login' | 'displayName'>,
  voted: boolean,
  byProxy = '',
): SignInRow {
  return { login: v.login, displayName: v.displayName, voted, byProxy };
}

/** The holder's login of each giver whose proxy is in force (issue 17), by the giver's voter id. */
export async function proxyHolders(store: Store, electionId: string): Promise<Map<string, string>> {
  const accepted = (await store.proxies.list(electionId)).filter((p) => p.state === 'accepted');
  if (accepted.length === 0) return new Map();
  const logins = new Map((await store.voters.list(electionId)).map((v) => [v.id, v.login]));
  return new Map(accepted.map((p) => [p.giverId, logins.get(p.holderId) ?? '']));
}

export const SIGN_IN_LIST = exportTable<SignInRow>({
  login: 'login',
  displayName: 'name',
  voted: 'voted',
  byProxy: 'by_proxy',
});
