/**
 * THE LIST of the store's features, in the order their migrations run: each feature's folder
 * declares its migrations and tables (a `StoreFeature`), and this list is the only place that names
 * them all. `migrations.ts` runs their migrations; `schema.ts` composes their tables into `Database`.
 * A new feature: its folder (tables, migration, queries, repository) and one line at the end here,
 * with migration ids that sort after every existing one.
 */
import { accountsStore } from './accounts/tables.js';
import { congressStore } from './consultations/tables.js';
import { deliveryStore, receiptMailStore, smsChannelStore } from './delivery/tables.js';
import { electionRulesStore } from './election-rules/tables.js';
import type { TablesOf } from './feature.js';
import { identityKeysStore } from './identity-keys.js';
import { initialStore } from './initial.js';
import { proxiesStore } from './proxies/tables.js';
import { recoveryStore } from './recovery/schema.js';

export const STORE_FEATURES = [
  initialStore,
  deliveryStore,
  congressStore,
  recoveryStore,
  accountsStore,
  identityKeysStore,
  smsChannelStore,
  electionRulesStore,
  receiptMailStore,
  proxiesStore,
] as const;

/** The tables every feature adds to the core tables (schema.ts). */
export type FeatureTables = TablesOf<typeof STORE_FEATURES>;
