/**
 * The one storage interface of the server, with two implementations over Kysely: SQLite (embedded,
 * the default) and PostgreSQL (several server processes may share it). Correctness under concurrency
 * comes from constraints and transactions, never from in-process locks: the board's (election,
 * height) key makes two concurrent appends conflict, the (election, tracker) key refuses a replay.
 *
 * (An in-process write queue per SQLite file only keeps one process's writers from blocking Node;
 * which write wins is still decided by the database.)
 *
 * Secrets never enter the store: passwords and session tokens only as hashes, voters' private
 * credentials never (the store has no column for them). Row types below are the allowlist of what
 * can be read back.
 */
import type { AccountsRepository } from './accounts/repository.js';
import type { AuditRepository } from './audit/repository.js';
import type { BoardRepository } from './board/repository.js';
import type { ConsultationsRepository } from './consultations/repository.js';
import type { DeliveryRepository } from './delivery/repository.js';
import type { ElectionRulesRepository } from './election-rules/repository.js';
import type { ElectionsRepository, TrusteesRepository } from './elections/repository.js';
import type { ProxiesRepository } from './proxies/repository.js';
import type { RecoveryRepository } from './recovery/repository.js';
import type { VotersRepository } from './voters/repository.js';

export type {
  CandidateListJson,
  ElectionRulesJson,
  ElectionRulesRow,
  ListRuleJson,
  QuestionOutcomeJson,
  QuestionRuleJson,
  RulesAnswer,
  SeatOutcome,
  Settlement,
} from './election-rules/repository.js';
export type { ProxyRow, ProxyState } from './proxies/repository.js';
export * from './row-types.js';

/**
 * The store: one repository per family of tables, each declared beside its implementation in its
 * sub-folder, plus `transaction`. Every repository of a store (or of a transaction's view) goes to
 * the same connection, so a `transaction(fn)` commits the writes of all of them together or none.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  /**
   * Runs `fn` with a view of this store whose every repository reads and writes in one database
   * transaction: committed when `fn` resolves, rolled back when it throws (Belenios'
   * `with_transaction`). An audited action makes its change and appends its audit entry through `tx`,
   * so both commit or neither does. Calling `transaction` on the view joins the same transaction.
   * Inside `fn`, use only `tx`: the store itself refuses to be used from its own scope (on SQLite it
   * would wait on itself). Nothing outside the database (a network call, the board's in-memory
   * verifier) belongs in `fn`.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** Organisations, accounts, memberships, sessions, and invitation and reset links (accounts/repository.ts). */
  readonly accounts: AccountsRepository;
  /** Elections and their roles (elections/repository.ts). */
  readonly elections: ElectionsRepository;
  /** Each election's trustees (elections/repository.ts). */
  readonly trustees: TrusteesRepository;
  /** Each election's roll (voters/repository.ts). */
  readonly voters: VotersRepository;
  /** The public board and its casts (board/repository.ts). */
  readonly board: BoardRepository;
  /** The hash-chained audit log (audit/repository.ts). */
  readonly audit: AuditRepository;
  /** Outbox, delivery settings, voter access, one-time codes (delivery/repository.ts). */
  readonly delivery: DeliveryRepository;
  /** Consultations and their ballot boxes, congress (consultations/repository.ts). */
  readonly consultations: ConsultationsRepository;
  /** Credential recovery: settings, escrows (ciphertexts only), requests (recovery/repository.ts). */
  readonly recovery: RecoveryRepository;
  /** Each election's own rules, sealed at opening (election-rules/repository.ts). */
  readonly electionRules: ElectionRulesRepository;
  /** Proxies voters gave, and each election's cap per holder (proxies/repository.ts). */
  readonly proxies: ProxiesRepository;

  /** Migrations not applied to this store (empty when current); fails when the store does not answer. */
  pendingMigrations(): Promise<string[]>;
}
