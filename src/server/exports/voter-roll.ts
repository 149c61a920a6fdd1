/**
 * The voter roll export, for the election admin and the credential authority: who may vote, with
 * which weight and language, and whether a credential is bound to the login yet. Neither the public
 * credential (with the login, it would tie each voter to their ballots on the public board) nor
 * anything about passwords is read: the projection's input type does not even have those fields.
 */
import type { VoterRow } from '../../store/store.js';
import { exportTable } from './table.js';

export type VoterRollRow = {
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
  /** Decimal string: weights may exceed 2^53. */
  readonly weight: string;
  readonly language: string;
  readonly hasCredential: boolean;
};

/** What the projection may read of a voter. */
export type VoterRollSource = Pick<
  VoterRow,
  'login' | 'email' | 'displayName' | 'weight' | 'language' | 'publicCredential'
>;

export function toVoterRollRow(v: VoterRollSource): VoterRollRow {
  return {
    login: v.login,
    email: v.email,
    displayName: v.displayName,
    weight: v.weight,
    language: v.language,
    hasCredential: v.publicCredential !== null,
  };
}

export const VOTER_ROLL = exportTable<VoterRollRow>({
  login: 'login',
  email: 'email',
  displayName: 'name',
  weight: 'weight',
  language: 'language',
  hasCredential: 'has_credential',
});
