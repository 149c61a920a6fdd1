/**
 * What the trustee page knows and what its screens are drawn from. Private material (a key pair or
 * seed made here, a key file read back) lives only in this state, in memory, in Secret boxes; it is
 * never written to storage and leaves the browser only as a download the trustee asked for.
 */
import type { Messages } from '../../i18n/index.js';
import type { TrusteeSeed } from '../../protocol/threshold/pki.js';
import type { Focus as KitFocus, Text as KitText } from '../kit/page.js';
import type { AccountSession, Duties, ShufflePhase, ThresholdStatus } from './api.js';
import type { DecryptionKey, PrivateFile, SingleKeyPair } from './keys.js';

export type M = Messages['trustee'];
/** Where the focus goes after a redraw: the heading, an element, nowhere, or where it was. */
export type Focus = KitFocus | 'keep';
export type Text = KitText<M>;

export const HEADING_ID = 'trustee-heading';
export interface State {
  phase: 'loading' | 'sign-in' | 'unavailable' | 'ready';
  unavailable: Text | undefined;
  busy: boolean;
  email: string;
  password: string;
  session: AccountSession | undefined;
  duties: Duties | undefined;
  threshold: ThresholdStatus | undefined;
  /** Made here, kept until the page closes so the file can be downloaded again. */
  single: (SingleKeyPair & { url: string }) | undefined;
  singleSaved: boolean;
  /** The seed, made here (step 1) or read from the trustee's `.key` file. */
  seed: { id: string; seed: TrusteeSeed; file?: PrivateFile & { url: string } } | undefined;
  /** Step 1's certificate, made with `seed`, until the server has it. */
  pendingCert: string | undefined;
  seedSaved: boolean;
  decryptionKey: { name: string; key: DecryptionKey } | undefined;
  /** An inline error next to a file field, by field id. */
  fieldError: { id: string; text: Text } | undefined;
  /** What the last action achieved (kept across re-renders). */
  outcome: Text | undefined;
  /** The shuffle phase, once the election is tallied (issue 18). */
  shuffles: ShufflePhase | undefined;
  /** Percent of this browser's shuffle done, while it runs. */
  shuffleProgress: number | undefined;
}

export interface TrusteeActions {
  signIn(): void;
  signOut(): void;
  refresh(): void;
  generateSingle(): void;
  uploadSingle(): void;
  generateThreshold(): void;
  sendCertificate(): void;
  sendPolynomial(): void;
  sendVoutput(): void;
  loadKeyFile(input: HTMLInputElement, purpose: 'threshold' | 'decrypt'): void;
  decrypt(): void;
  shuffle(): void;
}

/** What a screen is drawn from. */
export interface View {
  readonly state: State;
  readonly m: M;
  readonly electionId: string;
  readonly actions: TrusteeActions;
  /** The threshold slot the signed-in trustee holds, once the group's status is known. */
  readonly mySlot: ThresholdStatus['trustees'][number] | undefined;
  /** The owner numbers this account holds (Single keys, threshold slot). */
  readonly myOwners: readonly number[];
  resolve(text: Text): string;
}
