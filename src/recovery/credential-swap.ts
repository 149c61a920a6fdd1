/**
 * Replacing a voter's credential in a draft election, as one transaction of three repositories: the
 * election's version is bumped (so an `open` that read the roll before the swap fails on its own
 * version check instead of sealing the old credential), the voter's public credential is swapped
 * only if it still is the one read, and the voter's escrow is replaced.
 */
import type { CredentialEscrowRow } from '../store/recovery/schema.js';
import type { Store } from '../store/store.js';

export interface CredentialReplacement {
  electionId: string;
  voterId: string;
  /** The public credential being replaced. */
  expected: string;
  replacement: string;
  /** The new credential's escrow, or null when the election has no recovery. */
  escrow: CredentialEscrowRow | null;
  /** The draft election's version the caller read; the swap bumps it. */
  electionVersion: number;
  /** ISO instant, the election's new updated_at. */
  at: string;
}

/** Thrown inside the swap's transaction to roll it back; `replaceVoterCredential` answers false. */
class ReplacementConflict extends Error {}

/**
 * Swaps the credential and its escrow if the election is still the draft at `electionVersion` and
 * the credential still is `expected`; false (nothing changed) otherwise. Inside a caller's
 * transaction the swap joins it, and the caller rolls back on false (its writes so far are kept
 * until then).
 */
export async function replaceVoterCredential(store: Store, input: CredentialReplacement): Promise<boolean> {
  try {
    return await store.transaction(async (tx) => {
      const bumped = await tx.elections.update(input.electionId, input.electionVersion, {
        updatedAt: input.at,
      });
      if (bumped?.state !== 'draft') throw new ReplacementConflict();
      if (
        !(await tx.voters.swapCredential(input.electionId, input.voterId, input.expected, input.replacement))
      )
        throw new ReplacementConflict();
      await tx.recovery.replaceEscrow(input.electionId, input.voterId, input.escrow);
      return true;
    });
  } catch (error) {
    if (error instanceof ReplacementConflict) return false;
    throw error;
  }
}
