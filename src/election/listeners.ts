/**
 * What the layers above the election (recovery, congress) are told, declared here by the layer that
 * calls them and handed to ElectionService's constructor by the composition root (src/app/): nothing
 * assigns a hook later, so the order in which the server registers its routes does not matter.
 */
import type { PrivateCredential } from '../core/credential.js';
import type { ElectionRow, Store } from '../store/store.js';
import type { Actor } from './actor.js';

/** A credential the server just generated for a voter, before it is handed to the outbox. */
export interface FreshCredential {
  readonly voterId: string;
  readonly publicCredential: string;
  readonly credential: PrivateCredential;
}

/** Told when the server issues credentials (recovery: the officer's key, the escrows). */
export interface CredentialIssuingListener {
  /** Before anything is generated: may refuse (an appointed officer has sent no key yet). */
  beforeIssuing(electionId: string): Promise<void>;
  /**
   * The fresh credentials, before they are bound: answers the step that stores what it made of them,
   * run in the transaction that binds the public credentials.
   */
  escrowFresh(
    row: ElectionRow,
    actor: Actor,
    fresh: readonly FreshCredential[],
  ): Promise<(tx: Store) => Promise<void>>;
}

/** Told of an election's outcome (congress: the box of an annulled or published election). */
export interface ElectionOutcomeListener {
  /** In the annulment's transaction `tx`: what it writes commits with the annulment, or nothing does. */
  electionAnnulled(tx: Store, row: ElectionRow, actor: Actor): Promise<void>;
  /** Once the publication has committed (the listener runs its own transactions). */
  electionPublished(row: ElectionRow, actor: Actor): Promise<void>;
}

/**
 * Told when an election opens (congress: the election's own rules, issue 17). `checkOpening` runs
 * before anything is written and may refuse (rules that no longer fit the questions);
 * `electionOpening` runs in the opening's transaction `tx`: what it writes (the rules' seal)
 * commits with the Setup event, or nothing does.
 */
export interface ElectionOpeningListener {
  checkOpening(row: ElectionRow): Promise<void>;
  electionOpening(tx: Store, row: ElectionRow, actor: Actor): Promise<void>;
}

export interface ElectionListeners {
  readonly credentials?: CredentialIssuingListener;
  readonly outcomes?: ElectionOutcomeListener;
  readonly opening?: ElectionOpeningListener;
}
