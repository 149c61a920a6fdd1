/** "I lost my credential" under the booth's first two steps, when voting is open (see kit/lost-credential.ts). */
import { lostCredentialSection } from '../../kit/lost-credential.js';
import type { View } from '../state.js';

export function lostCredential({ state }: View): HTMLElement | null {
  const offer = state.recoveryOffer;
  if (offer === undefined || state.mode !== 'vote' || state.info?.state !== 'open') return null;
  return lostCredentialSection(state.electionId, state.language, offer);
}
