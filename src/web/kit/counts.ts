/** A list of named counts ("sent: 12"), e.g. the board verifier's counts of events. */
import { h } from './dom.js';

export function countsList(counts: Record<string, number>): HTMLElement {
  return h(
    'ul',
    { class: 'counts' },
    ...Object.entries(counts).map(([name, n]) => h('li', {}, `${name}: ${n}`)),
  );
}
