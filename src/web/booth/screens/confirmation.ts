/**
 * After casting: the vote is cast, here is the tracking number (computed in this browser and
 * compared with the server's), and where to find it on the public ballot board.
 */
import { messagesFor } from '../../../i18n/index.js';
import { h } from '../../kit/dom.js';
import type { View } from '../state.js';
import { stepScreen } from './layout.js';

/** The public board page; the fragment stays in the browser, like the credential's. */
export function boardLink(electionId: string, tracker: string): string {
  return `/elections/${encodeURIComponent(electionId)}#tracker=${encodeURIComponent(tracker)}`;
}

/** Copies the tracker to the clipboard, and says so (or that the browser refused) in a live region. */
function copyButton(t: { copy: string; copied: string; copyFailed: string }, tracker: string): HTMLElement {
  const said = h('span', { role: 'status', id: 'tracker-copied', class: 'hint' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(tracker);
      said.textContent = t.copied;
    } catch {
      said.textContent = t.copyFailed;
    }
  };
  return h(
    'p',
    { class: 'actions' },
    h(
      'button',
      { type: 'button', class: 'secondary', id: 'copy-tracker', on: { click: () => void copy() } },
      t.copy,
    ),
    ' ',
    said,
  );
}

export function confirmationScreen(view: View): HTMLElement {
  const { m, state } = view;
  const receipt = state.receipt!;
  const { localTracker, serverTracker } = receipt;
  const agreement =
    serverTracker === undefined
      ? h('p', {}, m.confirmation.alreadyRecorded)
      : serverTracker === localTracker
        ? h('p', { class: 'tracker-check' }, m.confirmation.matches)
        : h('p', { class: 'field-error' }, m.confirmation.mismatch(serverTracker));
  return stepScreen(
    view,
    { heading: m.confirmation.heading },
    serverTracker !== undefined && h('p', {}, m.confirmation.recorded),
    receipt.replaced &&
      h('p', { id: 'replaced-notice' }, messagesFor(state.language).congressDefects.booth.replaced),
    h('p', { class: 'tracker-label', id: 'tracker-label' }, m.confirmation.trackerLabel),
    h('p', { class: 'tracker' }, h('code', { id: 'tracker' }, localTracker)),
    copyButton(m.confirmation, localTracker),
    agreement,
    h('p', {}, m.confirmation.keep),
    h(
      'p',
      {},
      h('a', { href: boardLink(state.electionId, localTracker), id: 'board-link' }, m.confirmation.boardLink),
    ),
  );
}
