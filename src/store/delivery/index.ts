/**
 * The delivery persistence, one module per table: the outbox (the only place a voter's secret may
 * rest, until the mail server accepts it), delivery settings, voter access facts and one-time codes;
 * tables.ts holds their schema fragment and migration. `KyselyStore` calls these inside its write
 * queue and transactions; other layers only import the row types.
 */
export * from './access.js';
export * from './codes.js';
export * from './outbox.js';
export * from './repository.js';
export * from './settings.js';
export * from './tables.js';
