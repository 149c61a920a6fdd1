/** A list of named counts ("sent: 12"), e.g. the board verifier's counts of events. */
import { h } from './dom.js';

/** `labels`: each count in the reader's words (a count without one shows its name as it is). */
export function countsList(
  counts: Record<string, number>,
  labels: Record<string, (n: number) => string> = {},
): HTMLElement {
  return h(
    'ul',
    { class: 'counts' },
    ...Object.entries(counts).map(([name, n]) => h('li', {}, labels[name]?.(n) ?? `${name}: ${n}`)),
  );
}
