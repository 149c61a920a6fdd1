/**
 * Per-election delivery settings: how voters sign in (a password mailed separately from the
 * credential, or a one-time code sent when they sign in), how long after the credential message the
 * password message leaves (so the two secrets travel at different moments: one intercepted mailbox
 * session or relay log does not yield both), the help contact printed in every message, and the
 * language used for voters whose own is not offered.
 */
import type { DeliverySettingsRow } from '../store/delivery/index.js';
import type { Store } from '../store/store.js';
import { auditDelivery } from './audit.js';

/** One hour: long enough that both messages are not fetched by the same relay batch, short enough to vote the same day. */
export const DEFAULT_PASSWORD_DELAY_SECONDS = 3600;
/** At most a week: a password that never arrives in time is worse than none. */
export const MAX_PASSWORD_DELAY_SECONDS = 7 * 24 * 3600;

export type DeliverySettings = Omit<DeliverySettingsRow, 'electionId'>;

export const DEFAULT_SETTINGS: DeliverySettings = {
  loginMode: 'password',
  passwordDelaySeconds: DEFAULT_PASSWORD_DELAY_SECONDS,
  helpContact: '',
  defaultLanguage: 'fr',
};

export async function deliverySettings(store: Store, electionId: string): Promise<DeliverySettings> {
  const row = await store.delivery.getSettings(electionId);
  if (row === undefined) return DEFAULT_SETTINGS;
  const { electionId: _, ...settings } = row;
  return settings;
}

/** Saves an election's delivery settings with their audit entry, in one transaction. */
export async function saveDeliverySettings(
  store: Store,
  electionId: string,
  actorId: string,
  settings: DeliverySettings,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.delivery.saveSettings({ electionId, ...settings });
    await auditDelivery(tx, electionId, actorId, 'delivery.settings', { ...settings });
  });
}
