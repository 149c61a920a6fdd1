/**
 * An election's delivery counts (src/server/routes/delivery.ts, GET …/delivery/counts): how many
 * credentials and passwords are queued, sent or failed, and how many voters signed in, tested their
 * access and voted. Read by the admin's delivery section, the consultation's boxes and the scrutineer.
 */

import { type DeliveryCounts, DeliveryCounts as DeliveryCountsSchema } from '../../contract/delivery.js';
import { h } from './dom.js';
import { checked } from './http.js';
import type { Shell } from './staff-shell.js';

export type { DeliveryCounts };

const isCounts = checked(DeliveryCountsSchema);

export const deliveryBase = (electionId: string) =>
  `/api/v1/elections/${encodeURIComponent(electionId)}/delivery`;

/** Counts for scrutineers and admins, or undefined when the server does not track delivery. */
export async function fetchDeliveryCounts(
  shell: Shell,
  electionId: string,
): Promise<DeliveryCounts | undefined> {
  const answer = await shell.api.get(`${deliveryBase(electionId)}/counts`);
  return answer.ok ? isCounts(answer.value) : undefined;
}

/** The counts as a table: one row per message kind, one column per status, then sign-in figures. */
export function countsTable(shell: Shell, counts: DeliveryCounts): HTMLElement {
  const t = shell.t.admin.delivery;
  const statuses = ['queued', 'sending', 'sent', 'failed', 'none'] as const;
  return h(
    'div',
    {},
    // Six columns do not fit 360 px: the table scrolls in its own region, not the page (issue 17).
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.counts },
      h(
        'table',
        { id: 'delivery-counts' },
        h('caption', {}, t.counts),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.message),
            ...statuses.map((s) => h('th', { scope: 'col', class: 'number' }, t.statuses[s] ?? s)),
          ),
        ),
        h(
          'tbody',
          {},
          ...(['credential', 'password'] as const).map((kind) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, t.kinds[kind] ?? kind),
              ...statuses.map((s) => h('td', { class: 'number' }, String(counts[kind][s]))),
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { id: 'delivery-summary' },
      t.summary(counts.voters, counts.loggedIn, counts.accessChecked, counts.voted),
    ),
  );
}
