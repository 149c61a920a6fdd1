/** The store's one list of features: the migrations it yields are the released history, in order. */
import { describe, expect, it } from 'vitest';
import { STORE_FEATURES } from './features.js';
import { collectMigrations, MIGRATIONS } from './migrations.js';

const noop = { up: async () => {} };

describe("the store's features", () => {
  it('yield the released migrations with their ids and in their order (existing databases know them by id)', () => {
    expect(Object.keys(MIGRATIONS)).toEqual([
      '0001_initial',
      '0002_delivery',
      '0003_congress',
      '0004_recovery',
      '0005_accounts',
      '0006_identity_keys',
      '0007_sms_channel',
      '0008_election_rules',
      '0009_receipt_mail',
      '0010_proxies',
    ]);
    expect(STORE_FEATURES.map((feature) => feature.name)).toEqual([
      'initial',
      'delivery',
      'congress',
      'recovery',
      'accounts',
      'identity-keys',
      'sms-channel',
      'election-rules',
      'receipt-mail',
      'proxies',
    ]);
  });

  it('refuse a migration id declared twice, or ids that would run in another order than the list', () => {
    expect(() =>
      collectMigrations([
        { name: 'a', migrations: { '0001_a': noop } },
        { name: 'b', migrations: { '0001_a': noop } },
      ]),
    ).toThrow(/declared twice/);
    expect(() =>
      collectMigrations([
        { name: 'b', migrations: { '0002_b': noop } },
        { name: 'a', migrations: { '0001_a': noop } },
      ]),
    ).toThrow(/must sort in the order/);
    expect(
      Object.keys(
        collectMigrations([
          { name: 'a', migrations: { '0001_a': noop } },
          { name: 'b', migrations: { '0002_b': noop, '0003_b': noop } },
        ]),
      ),
    ).toEqual(['0001_a', '0002_b', '0003_b']);
  });
});
