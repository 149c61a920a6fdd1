/**
 * The `Store` over Kysely, one class for SQLite and PostgreSQL: the dialects differ only in how they
 * are opened (open-store.ts), never in the queries. Every multi-row write is one transaction, and
 * concurrency is settled by the database: the board's keys refuse the loser of an append race, which
 * gets a conflict value and leaves nothing behind (board.ts). `appendAudit` reads the organisation's last entry and inserts the
 * next; two processes racing for one sequence number collide on (organisation, seq) and the loser
 * retries on the new head, so the chain stays linear. On PostgreSQL a transaction-scoped advisory
 * lock per organisation also serialises appenders (see `appendAudit`), so a long `transaction` scope
 * that appends does not keep losing that race.
 *
 * `transaction(fn)` (Belenios' `with_transaction`) hands `fn` a view of this store bound to one
 * database transaction, so that an administrative change and its audit entry commit together or not
 * at all. See `TransactionScope` below for how the view nests writes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import { AccountAccessStore } from './accounts/access.js';
import * as accounts from './accounts/queries.js';
import { canonicalJson, sealAuditEntry } from './audit-chain.js';
import { appendConflict, insertAppend, selectBoard } from './board.js';
import { ConsultationStore } from './consultations/store.js';
import * as delivery from './delivery/index.js';
import * as elections from './elections.js';
import { asUniqueViolation, UniqueViolation } from './errors.js';
import { pendingMigrations } from './migrations.js';
import * as recovery from './recovery/queries.js';
import type * as recoverySchema from './recovery/schema.js';
import * as rows from './rows.js';
import type { Database } from './schema.js';
import type { WriteGate } from './sqlite-dialect.js';
import type {
  AccountRow,
  AppendOutcome,
  AuditEntryInput,
  AuditRow,
  BallotInput,
  BoardDataInput,
  BoardEventInput,
  BoardRecord,
  CastRow,
  ElectionRoleRow,
  ElectionRow,
  MembershipRow,
  NewAccountRow,
  OrganisationRow,
  SessionRow,
  Store,
  TrusteeRow,
  VoterPatch,
  VoterRow,
} from './store.js';
import * as voterQueries from './voters.js';

/** Losing the race for an audit sequence number means someone else progressed; this many losses is a bug. */
const AUDIT_ATTEMPTS = 100;

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** Queues this process's writes to one SQLite file (see sqlite-dialect.ts); absent on PostgreSQL. */
  gate?: WriteGate;
}

/**
 * One open transaction and the view of the store bound to it. Inside, every write runs in a
 * savepoint, one at a time: a write that fails (a unique key lost to another writer, which callers
 * such as `appendAudit`, `enqueueMessages` or `swapTrustee` catch and retry or answer with a value)
 * then undoes only itself and leaves the transaction usable — PostgreSQL would otherwise refuse every
 * later statement of an aborted transaction, and SQLite would keep half of a multi-statement write.
 * Writes are queued because savepoints nest by name: two interleaved ones would release each other.
 */
class TransactionScope {
  active = true;
  #savepoints = 0;
  #tail: Promise<unknown> = Promise.resolve();
  constructor(
    readonly trx: Transaction<Database>,
    readonly owner: KyselyStore,
  ) {}

  write<T>(task: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const run = async () => {
      if (!this.active) throw new Error('store.transaction: this transaction has already ended');
      const name = sql.raw(`scrutin_${++this.#savepoints}`);
      await sql`savepoint ${name}`.execute(this.trx);
      try {
        const result = await task(this.trx);
        await sql`release savepoint ${name}`.execute(this.trx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${name}`.execute(this.trx);
        await sql`release savepoint ${name}`.execute(this.trx);
        throw error;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished. */
  settled(): Promise<unknown> {
    return this.#tail;
  }
}

/**
 * The transaction scope the current async context runs in, if any. The root store refuses to be used
 * from inside its own scope: on SQLite that would wait forever (the scope holds the write queue and
 * the one connection), and on PostgreSQL it would escape the transaction. A clear error beats both.
 */
const currentScope = new AsyncLocalStorage<TransactionScope>();

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly #root: Kysely<Database>;
  readonly #gate: WriteGate | undefined;
  /** Set on a transaction's view (see `transaction`); undefined on the store itself. */
  readonly #scope: TransactionScope | undefined;
  #closed = false;

  constructor(options: KyselyStoreOptions, scope?: TransactionScope) {
    this.dialect = options.dialect;
    this.#root = options.db;
    this.#gate = options.gate;
    this.#scope = scope;
  }

  /** The connection this store's queries go to: the scope's transaction, or the pool / the file. */
  get #db(): Kysely<Database> {
    if (this.#scope !== undefined) {
      if (!this.#scope.active) throw new Error('store.transaction: this transaction has already ended');
      return this.#scope.trx;
    }
    const scope = currentScope.getStore();
    if (scope?.active && scope.owner === this)
      throw new Error(
        'store used directly inside its own store.transaction scope: use the transaction view (tx) instead',
      );
    return this.#root;
  }

  /**
   * Runs `fn` with a view of this store whose reads and writes all go through one transaction,
   * committed when `fn` resolves and rolled back when it throws; nested calls on the view join it.
   * On SQLite the scope holds this process's write queue throughout (writes of the view do not queue
   * again) and BEGIN IMMEDIATE takes the file's write lock at once; on PostgreSQL it is one pooled
   * connection at read committed, so version checks (`updateElection`) still see concurrent commits.
   * Keep scopes short and free of network calls: they hold the lock.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#scope !== undefined) return fn(this);
    // Set outside the scope: a pragma does not belong in the transaction (see #secureDelete).
    await this.#secureDelete();
    return this.#write((db) =>
      db.transaction().execute(async (trx) => {
        const scope = new TransactionScope(trx, this);
        const view = new KyselyStore({ db: this.#root, dialect: this.dialect }, scope);
        try {
          return await currentScope.run(scope, () => fn(view));
        } finally {
          // Writes of the view left unawaited finish inside the transaction, not after it; any use of
          // the view from now on is refused.
          await scope.settled();
          scope.active = false;
        }
      }),
    );
  }

  async close(): Promise<void> {
    if (this.#scope !== undefined) throw new Error('store.transaction: close the store, not its view');
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#root.destroy();
    } finally {
      this.#gate?.release();
    }
  }

  /** A write (one statement or a transaction): queued behind same-file writers, violations named. */
  async #write<T>(task: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      if (this.#scope !== undefined) return await this.#scope.write(task);
      // Read before queueing: inside its own scope, the store must refuse rather than wait on itself.
      const db = this.#db;
      const run = () => task(db);
      return await (this.#gate === undefined ? run() : this.#gate.run(run));
    } catch (error) {
      throw asUniqueViolation(error) ?? error;
    }
  }

  /** Several statements atomically: a transaction of their own, or a savepoint inside a scope. */
  #transaction<T>(task: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.#scope !== undefined) return this.#write((db) => task(db as Transaction<Database>));
    return this.#write((db) => db.transaction().execute(task));
  }

  // Organisations, accounts, sessions (queries in accounts.ts)

  async createOrganisation(row: OrganisationRow): Promise<void> {
    await this.#write((db) => accounts.createOrganisation(db, row));
  }

  getOrganisation(id: string): Promise<OrganisationRow | undefined> {
    return accounts.getOrganisation(this.#db, id);
  }

  listOrganisations(): Promise<OrganisationRow[]> {
    return accounts.listOrganisations(this.#db);
  }

  async createAccount(row: NewAccountRow): Promise<void> {
    await this.#write((db) => accounts.createAccount(db, row));
  }

  getAccount(id: string): Promise<AccountRow | undefined> {
    return accounts.getAccount(this.#db, id);
  }

  findAccountByEmail(email: string): Promise<AccountRow | undefined> {
    return accounts.findAccountByEmail(this.#db, email);
  }

  async addMembership(row: MembershipRow): Promise<void> {
    await this.#write((db) => accounts.addMembership(db, row));
  }

  listOrganisationMembers(organisationId: string): Promise<MembershipRow[]> {
    return accounts.listOrganisationMembers(this.#db, organisationId);
  }

  listMemberships(accountId: string): Promise<MembershipRow[]> {
    return accounts.listMemberships(this.#db, accountId);
  }

  async createSession(row: SessionRow): Promise<void> {
    await this.#write((db) => accounts.createSession(db, row));
  }

  findSession(tokenHash: string): Promise<SessionRow | undefined> {
    return accounts.findSession(this.#db, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#write((db) => accounts.deleteSession(db, tokenHash));
  }

  // Elections and their roles (queries in elections.ts)

  async createElection(row: ElectionRow): Promise<void> {
    await this.#write((db) => elections.createElection(db, row));
  }

  getElection(id: string): Promise<ElectionRow | undefined> {
    return elections.getElection(this.#db, id);
  }

  listElections(organisationId: string): Promise<ElectionRow[]> {
    return elections.listElections(this.#db, organisationId);
  }

  /** `updatedAt` defaults to now when the patch does not set it. */
  async updateElection(
    id: string,
    expectedVersion: number,
    patch: rows.ElectionPatch,
  ): Promise<ElectionRow | undefined> {
    const stamped = { ...patch, updatedAt: patch.updatedAt ?? new Date().toISOString() };
    return this.#write((db) => elections.updateElection(db, id, expectedVersion, stamped));
  }

  async addElectionRole(row: ElectionRoleRow): Promise<void> {
    await this.#write((db) => elections.addElectionRole(db, row));
  }

  listElectionRoles(electionId: string): Promise<ElectionRoleRow[]> {
    return elections.listRoles(this.#db, 'election_id', electionId);
  }

  listRolesOfAccount(accountId: string): Promise<ElectionRoleRow[]> {
    return elections.listRoles(this.#db, 'account_id', accountId);
  }

  // Voters and trustees (queries in voters.ts)

  async replaceVoters(electionId: string, voters: VoterRow[]): Promise<void> {
    for (const voter of voters) {
      if (voter.electionId !== electionId) {
        throw new Error(
          `replaceVoters: voter ${voter.id} has electionId ${voter.electionId}, not ${electionId}`,
        );
      }
    }
    await this.#transaction((trx) => voterQueries.replaceVoters(trx, electionId, voters));
  }

  listVoters(electionId: string): Promise<VoterRow[]> {
    return voterQueries.listVoters(this.#db, electionId);
  }

  getVoter(id: string): Promise<VoterRow | undefined> {
    return voterQueries.getVoter(this.#db, id);
  }

  findVoterByLogin(electionId: string, login: string): Promise<VoterRow | undefined> {
    return voterQueries.findVoterByLogin(this.#db, electionId, login);
  }

  /** Throws (and changes nothing) if a voter is not on this election's roll. */
  async setVoterSecrets(
    electionId: string,
    updates: { voterId: string; publicCredential?: string; passwordHash?: string }[],
  ): Promise<void> {
    await this.#transaction((trx) => voterQueries.setVoterSecrets(trx, electionId, updates));
  }

  async addVoter(voter: VoterRow): Promise<void> {
    await this.#transaction((trx) => voterQueries.addVoter(trx, voter));
  }

  updateVoter(electionId: string, voterId: string, patch: VoterPatch): Promise<boolean> {
    return this.#write((db) => voterQueries.updateVoter(db, electionId, voterId, patch));
  }

  removeVoter(electionId: string, voterId: string): Promise<boolean> {
    return this.#write((db) => voterQueries.removeVoter(db, electionId, voterId));
  }

  async saveTrustee(row: TrusteeRow): Promise<void> {
    await this.#write((db) => voterQueries.saveTrustee(db, row));
  }

  listTrustees(electionId: string): Promise<TrusteeRow[]> {
    return voterQueries.listTrustees(this.#db, electionId);
  }

  async deleteTrustees(electionId: string): Promise<void> {
    await this.#write((db) => voterQueries.deleteTrustees(db, electionId));
  }

  swapTrustee(row: TrusteeRow, expectedPublicJson: string | null): Promise<boolean> {
    return this.#write((db) => voterQueries.swapTrustee(db, row, expectedPublicJson));
  }

  // Public board

  async appendBoard(
    electionId: string,
    data: BoardDataInput[],
    event: BoardEventInput,
    ballot?: BallotInput,
  ): Promise<AppendOutcome> {
    return this.appendBoardBatch(electionId, [{ data, event, ballot }]);
  }

  async appendBoardBatch(
    electionId: string,
    entries: readonly { data: BoardDataInput[]; event: BoardEventInput; ballot?: BallotInput }[],
  ): Promise<AppendOutcome> {
    for (const { event } of entries) {
      if (!Number.isSafeInteger(event.height) || event.height < 0) {
        throw new RangeError(`appendBoard: event.height must be a non-negative integer, got ${event.height}`);
      }
    }
    try {
      await this.#transaction(async (trx) => {
        for (const { data, event, ballot } of entries)
          await insertAppend(trx, electionId, data, event, ballot);
      });
    } catch (error) {
      const conflict = appendConflict(error);
      if (conflict !== undefined) return { ok: false, conflict };
      throw error;
    }
    return { ok: true };
  }

  async readBoard(electionId: string, fromPosition = 0): Promise<BoardRecord[]> {
    return selectBoard(this.#db, electionId, fromPosition);
  }

  async boardHead(electionId: string): Promise<{ height: number; hash: string } | undefined> {
    return this.#db
      .selectFrom('board_events')
      .select(['height', 'hash'])
      .where('election_id', '=', electionId)
      .orderBy('height', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async turnout(electionId: string): Promise<{ voters: number; ballots: number }> {
    const [voters, ballots] = await Promise.all([
      this.#db
        .selectFrom('voters')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('election_id', '=', electionId)
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('ballots')
        .select((eb) => eb.fn.count('credential').distinct().as('n'))
        .where('election_id', '=', electionId)
        .executeTakeFirstOrThrow(),
    ]);
    return { voters: Number(voters.n), ballots: Number(ballots.n) };
  }

  async listCasts(electionId: string): Promise<CastRow[]> {
    const found = await this.#db
      .selectFrom('ballots')
      .selectAll()
      .where('election_id', '=', electionId)
      .orderBy('height')
      .execute();
    return found.map(rows.fromCast);
  }

  async hasCast(electionId: string, voterId: string): Promise<boolean> {
    const found = await this.#db
      .selectFrom('ballots')
      .select('tracker')
      .where('election_id', '=', electionId)
      .where('voter_id', '=', voterId)
      .limit(1)
      .executeTakeFirst();
    return found !== undefined;
  }

  // Audit log

  async appendAudit(entry: AuditEntryInput): Promise<AuditRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#transaction(async (trx) => {
          if (this.dialect === 'postgres') {
            // Held until the enclosing transaction ends: a scope that appends and commits later keeps
            // the organisation's head until then, so a concurrent appender reads the new head rather
            // than forking the chain (read committed would show it the old one).
            await sql`select pg_advisory_xact_lock(hashtext(${`scrutin.audit/${entry.organisationId}`}))`.execute(
              trx,
            );
          }
          const previous = await trx
            .selectFrom('audit_log')
            .select(['seq', 'hash'])
            .where('organisation_id', '=', entry.organisationId)
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirst();
          const row = sealAuditEntry(entry, previous, new Date().toISOString());
          await trx
            .insertInto('audit_log')
            .values(rows.toAudit(row, canonicalJson(row.details)))
            .execute();
          return row;
        });
      } catch (error) {
        const lostRace = error instanceof UniqueViolation && error.key === 'audit-seq';
        if (!lostRace || attempt >= AUDIT_ATTEMPTS) throw error;
        // Jitter so that the same two writers do not collide again in lockstep.
        await sleep(Math.random() * Math.min(attempt, 10) * 2);
      }
    }
  }

  async listAudit(filter: { organisationId: string; electionId?: string }): Promise<AuditRow[]> {
    let query = this.#db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', filter.organisationId);
    if (filter.electionId !== undefined) query = query.where('election_id', '=', filter.electionId);
    const found = await query.orderBy('seq').execute();
    return found.map(rows.fromAudit);
  }

  // Delivery (queries in delivery/, one module per table)

  async enqueueMessages(
    electionId: string,
    messages: readonly delivery.OutboxInput[],
    publicCredentials?: readonly { voterId: string; publicCredential: string }[],
  ): Promise<delivery.EnqueueOutcome[]> {
    await this.#secureDelete();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#transaction((trx) =>
          delivery.enqueue(trx, electionId, messages, publicCredentials),
        );
      } catch (error) {
        // Two requests queueing the same key at once (PostgreSQL, read committed): the loser's retry
        // sees the winner's rows and skips them, as idempotency asks.
        if (!(error instanceof UniqueViolation) || attempt >= 3) throw error;
      }
    }
  }

  async claimMessages(options: { owner: string; now: string; leaseUntil: string; limit: number }) {
    return this.#write((db) => delivery.claim(db, options, this.dialect));
  }

  async renewMessageLeases(owner: string, leaseUntil: string): Promise<number> {
    return this.#write((db) => delivery.renewLeases(db, owner, leaseUntil));
  }

  async materialiseMessages(owner: string, items: readonly delivery.MaterialisedPassword[]) {
    if (items.length === 0) return new Set<string>();
    await this.#secureDelete();
    return this.#transaction((trx) => delivery.materialise(trx, owner, items));
  }

  async settleMessages(owner: string, outcomes: readonly delivery.MessageOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.#secureDelete();
    await this.#transaction((trx) => delivery.settle(trx, owner, outcomes));
  }

  /**
   * SQLite leaves the bytes of erased or moved values in free space unless `secure_delete` is on:
   * on, erasing a message body (or a page split moving it) overwrites them. Set before any delivery
   * write, since a body's bytes can be copied as soon as it is inserted. (One connection per store,
   * so setting it once holds.)
   */
  #secureDeleteOn = false;
  async #secureDelete(): Promise<void> {
    // A transaction's view needs none: its store set the pragma before opening the scope.
    if (this.dialect !== 'sqlite' || this.#secureDeleteOn || this.#scope !== undefined) return;
    await this.#write((db) => sql`pragma secure_delete = on`.execute(db));
    this.#secureDeleteOn = true;
  }

  /**
   * After a sending run: on SQLite, moves the write-ahead log into the database and truncates it, so
   * the copies of erased message bodies that WAL frames still held are gone from disk. PostgreSQL
   * reclaims dead rows by itself (autovacuum); its WAL and free space are covered by disk encryption.
   */
  async scrubErasedSecrets(): Promise<void> {
    if (this.dialect !== 'sqlite') return;
    if (this.#scope !== undefined) throw new Error('scrubErasedSecrets: not inside a store.transaction');
    await this.#secureDelete();
    await this.#write((db) => sql`pragma wal_checkpoint(TRUNCATE)`.execute(db));
  }

  async listMessages(electionId: string, voterId?: string) {
    return delivery.listOutbox(this.#db, electionId, voterId);
  }

  async countMessages(electionId?: string) {
    return delivery.countOutbox(this.#db, electionId);
  }

  async nextMessageDue() {
    return delivery.nextDue(this.#db);
  }

  async getDeliverySettings(electionId: string) {
    return delivery.getSettings(this.#db, electionId);
  }

  async saveDeliverySettings(row: delivery.DeliverySettingsRow): Promise<void> {
    await this.#write((db) => delivery.saveSettings(db, row));
  }

  async recordVoterAccess(electionId: string, voterId: string, what: 'login' | 'access-check', at: string) {
    await this.#write((db) => delivery.recordAccess(db, electionId, voterId, what, at));
  }

  async listVoterAccess(electionId: string) {
    return delivery.listAccess(this.#db, electionId);
  }

  async saveOneTimeCode(row: delivery.OneTimeCodeRow): Promise<void> {
    await this.#write((db) => delivery.saveCode(db, row));
  }

  async spendOneTimeCodeAttempt(electionId: string, voterId: string, now: string) {
    return this.#transaction((trx) => delivery.spendCodeAttempt(trx, electionId, voterId, now));
  }

  async deleteOneTimeCode(electionId: string, voterId: string): Promise<void> {
    await this.#write((db) => delivery.deleteCode(db, electionId, voterId));
  }
  // kysely-store: delivery (keep this marker line)
  /** Congress queries (src/store/consultations/store.ts) over this store's connection and write queue. */
  get consultations(): ConsultationStore {
    return new ConsultationStore(
      this.#db,
      (task) => this.#write(task),
      (task) => this.#transaction(task),
    );
  }
  // kysely-store: congress (keep this marker line)
  /** Invitation and reset links, password changes, suspension, removal (src/store/accounts/access.ts). */
  get accountAccess(): AccountAccessStore {
    return new AccountAccessStore(
      this.#db,
      (task) => this.#write(task),
      (task) => this.#transaction(task),
    );
  }
  // kysely-store: accounts (keep this marker line)

  // Credential recovery: queries in src/store/recovery/queries.ts, tables in src/store/recovery/schema.ts.
  getRecoverySettings(electionId: string) {
    return recovery.getSettings(this.#db, electionId);
  }
  saveRecoverySettings(row: recoverySchema.RecoverySettingsRow) {
    return this.#write((db) => recovery.saveSettings(db, row));
  }
  saveCredentialEscrows(electionId: string, escrows: readonly recoverySchema.CredentialEscrowRow[]) {
    return this.#transaction((trx) => recovery.saveEscrows(trx, electionId, escrows));
  }
  listCredentialEscrows(electionId: string, voterIds?: readonly string[]) {
    return recovery.listEscrows(this.#db, electionId, voterIds);
  }
  replaceVoterCredential(input: recoverySchema.CredentialReplacement) {
    return this.#transaction((trx) => recovery.replaceVoterCredential(trx, input)).catch(
      recovery.falseOnConflict,
    );
  }
  createRecoveryRequest(row: recoverySchema.RecoveryRequestRow) {
    return this.#write((db) => recovery.createRequest(db, row));
  }
  listRecoveryRequests(electionId: string) {
    return recovery.listRequests(this.#db, electionId);
  }
  updateRecoveryRequest(
    id: string,
    from: readonly recoverySchema.RecoveryRequestState[],
    patch: recoverySchema.RecoveryRequestPatch,
  ) {
    return this.#write((db) => recovery.updateRequest(db, id, from, patch));
  }
  // kysely-store: recovery (keep this marker line)
  async pendingMigrations(): Promise<string[]> {
    if (this.dialect === 'sqlite') return pendingMigrations(this.#db);
    // As at opening (open-store.ts): Kysely's bookkeeping lives in the connection's current schema.
    const { rows: found } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
      this.#db,
    );
    return pendingMigrations(this.#db, found[0]?.schema ?? undefined);
  }
  // kysely-store: readiness (keep this marker line)
}
