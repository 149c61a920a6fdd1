/**
 * The sign-in list (émargement), for scrutineers and election admins once voting has ended: for
 * each voter of the roll, whether at least one of their ballots was accepted. Who voted, never how,
 * and nothing that would tie a voter to a ballot on the public board: no tracker, no time of casting,
 * no credential, no weight.
 */
import type { ElectionState, VoterRow } from '../../store/store.js';
import { exportTable } from './table.js';

export type SignInRow = {
  readonly login: string;
  readonly displayName: string;
  readonly voted: boolean;
};

/** Voting has ended (closed, or annulled) in these states: before, the list would be live turnout per name. */
export const SIGN_IN_LIST_STATES: readonly ElectionState[] = ['closed', 'tallied', 'published', 'annulled'];

export function toSignInRow(v: Pick<VoterRow, 'login' | 'displayName'>, voted: boolean): SignInRow {
  return { login: v.login, displayName: v.displayName, voted };
}

export const SIGN_IN_LIST = exportTable<SignInRow>({
  login: 'login',
  displayName: 'name',
  voted: 'voted',
});
