/**
 * Everything the booth knows, in one place. Secrets (the password until sign-in succeeds, the
 * private credential until the ballot is cast) live only here, in memory, and are dropped as soon as
 * they are no longer needed; nothing is written to storage.
 */

import type { SelfServiceRecovery } from '../../contract/voter.js';
import type { CredentialParseError, PrivateCredential } from '../../core/credential.js';
import type { Language, Messages } from '../../i18n/index.js';
import type { ElectionContext } from '../../protocol/election.js';
import type { Question } from '../../protocol/messages.js';
import { type Text as KitText, resolveText } from '../kit/page.js';
import type { BoxPlace, ElectionInfo, VoterSession } from './api.js';
import type { QuestionSelection, SelectionProblem } from './ballot-form.js';

export type Step =
  | 'loading'
  | 'unavailable'
  | 'sign-in'
  | 'credential'
  | 'questions'
  | 'review'
  | 'confirmation'
  | 'access-result';

/** A message in the booth's current language, or a text the server already translated. */
export type Text = KitText<Messages['booth']>;

export interface Receipt {
  /** BASE64(SHA256(ballot bytes)) computed in this browser. */
  readonly localTracker: string;
  /** What the server answered; undefined when it reported the ballot as already recorded. */
  readonly serverTracker: string | undefined;
  /** This ballot replaced an earlier one of the same voter (the last ballot counts). */
  readonly replaced: boolean;
}

export interface BoothState {
  readonly electionId: string;
  language: Language;
  step: Step;
  busy: boolean;
  info: ElectionInfo | undefined;
  context: ElectionContext | undefined;
  /** The election's questions: chosen among answers (homomorphic), or ranked or graded. */
  questions: Question[];
  /**
   * List questions (issue 17): per question index, per answer (list), its candidates in order, from
   * the election's sealed rules; empty for an election without lists.
   */
  lists: Map<number, { name: string; gender?: 'F' | 'M' }[][]>;
  unavailable: Text | undefined;
  /** The server knows no public election at this address (unknown, or a draft: the same 404). */
  notFound?: boolean;
  /** When the election is a consultation box: its round, and for an annulled box why and its re-run. */
  place?: BoxPlace;
  /** Whether "I lost my credential" is offered (open, with escrow), and the help contact otherwise. */
  recoveryOffer?: SelfServiceRecovery;
  session: VoterSession | undefined;
  login: string;
  password: string;
  credentialText: string;
  credentialFromLink: boolean;
  credentialError: CredentialParseError | 'empty' | undefined;
  credential: PrivateCredential | undefined;
  selections: QuestionSelection[];
  /** Per question, shown once the voter tried to go on. */
  problems: (SelectionProblem | undefined)[];
  /** Encrypted but not yet confirmed: resent as is after a network failure, so a retry cannot cast twice. */
  pendingBallot: { text: string; tracker: string } | undefined;
  receipt: Receipt | undefined;
  /** Voting, or (before opening) testing one's access: signing in and checking the credential only. */
  mode: 'vote' | 'access-test';
  /** Whether a ballot of this voter is recorded already (asked once signed in); undefined: not known. */
  hasVoted: boolean | undefined;
}

export interface BoothActions {
  signIn(): void;
  /** A one-time code by mail instead of the password (issue 15: nobody can lock a voter out). */
  requestCode(): void;
  signInWithCode(code: string): void;
  submitCredential(): void;
  reviewVote(): void;
  changeChoices(): void;
  cast(): void;
  startAccessTest(): void;
}

/** What a screen is drawn from. */
export interface View {
  readonly state: BoothState;
  readonly m: Messages['booth'];
  readonly actions: BoothActions;
}

export function initialState(electionId: string, language: Language): BoothState {
  return {
    electionId,
    language,
    step: 'loading',
    busy: false,
    info: undefined,
    context: undefined,
    questions: [],
    lists: new Map(),
    unavailable: undefined,
    session: undefined,
    login: '',
    password: '',
    credentialText: '',
    credentialFromLink: false,
    credentialError: undefined,
    credential: undefined,
    selections: [],
    problems: [],
    pendingBallot: undefined,
    receipt: undefined,
    mode: 'vote',
    hasVoted: undefined,
  };
}

export { resolveText };
