/**
 * The scrutineer's read-only view of the consultation their box belongs to: the round, the boxes
 * (states, turnout and delivery counts where the scrutineer may read them, verification status)
 * and the provisional consolidated result, with no action offered. Nothing when the election is not
 * a box or the account may not read the consultation.
 */

import { boxesCard } from '../kit/consultation/boxes.js';
import { procesVerbalUrl, resultCard } from '../kit/consultation/result.js';
import { boxPlace, loadConsultation, roundHeader } from '../kit/consultation/view.js';
import { h } from '../kit/dom.js';
import type { Shell } from '../kit/staff-shell.js';

export async function consultationSection(shell: Shell, electionId: string): Promise<HTMLElement | null> {
  const place = await boxPlace(shell, electionId);
  if (!place) return null;
  const loaded = await loadConsultation(shell, place.consultation.id, { quiet: true });
  if (!loaded) return null;
  const t = shell.t.congressPages.scrutineer;
  const { view, counts } = loaded;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'consultation-heading', id: 'consultation' },
    h('h2', { id: 'consultation-heading' }, t.heading(view.name)),
    h('p', { class: 'note' }, t.readOnly),
    // Other rounds are linked through their procès-verbal, which the consultation's readers may open.
    roundHeader(shell, view, (id) => procesVerbalUrl(id, shell.language)),
    boxesCard({ shell, view, counts, readOnly: true, refresh: async () => undefined }),
    resultCard(shell, view.consolidation),
  );
}
