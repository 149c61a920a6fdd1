/**
 * The election lifecycle (issue #3): draft → open → closed → tallied → published, or annulled with a
 * recorded reason at any stage before publication. Every administrative action checks the state,
 * updates the election with optimistic concurrency, writes the public board where the protocol says
 * so, and leaves an entry in the hash-chained audit log — all in one transaction (`store.transaction`),
 * so no change is ever left without its entry. (Publication writes its Result event and re-verifies
 * the archive before that transaction, and resumes from that event if it stopped.) Authorization is
 * the HTTP layer's job; this layer trusts its caller about *who* acts, never about *what* is valid.
 */

import type { Clock } from '../core/clock.js';
import { DecodeError, decodeText, encode } from '../core/codec.js';
import type { PrivateCredential } from '../core/credential.js';
import { requireGroup } from '../core/group.js';
import { sha256B64, sha256Hex } from '../core/hash.js';
import { identityKey } from '../core/identity.js';
import { meaningfulReason } from '../core/reason.js';
import { type DeliveryContext, queueGeneratedCredentials, queueingIn } from '../delivery/index.js';
import { DomainError } from '../errors/catalogue.js';
import { parseBallot } from '../protocol/ballot-box.js';
import {
  encryptedTallyCodec,
  ownedCodec,
  partialDecryptionCodec,
  type Question,
  questionCodec,
  setupDataCodec,
  sizedEncryptedTallyCodec,
  trusteePublicKeyCodec,
  trusteesCodec,
} from '../protocol/messages.js';
import {
  generateCredentials,
  generateToken,
  generateTrusteeKey,
  makeElection,
  publicCredentialsFingerprint,
  type VoterIdentity,
} from '../protocol/setup.js';
import {
  combineFactors,
  computeEncryptedTally,
  computePartialDecryption,
  computeResult,
  resultToJson,
} from '../protocol/tally.js';
import { verifyTrusteePublicKey } from '../protocol/trustees.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import { storedQuestions } from '../store/decode.js';
import type { ElectionRow, ElectionState, Store, VoterRow } from '../store/store.js';
import { type Actor, auditElection, randomId } from './actor.js';
import { credentialsList, ownerOf, trusteeKinds } from './archive-lists.js';
import { BoardRefusal, type BoardService } from './board.js';
import { checkCsvText } from './csv-encoding.js';
import { MAX_BALLOT_BYTES, parseQuestions, refuseNonHomomorphic } from './questions.js';
import { missingDecryptions, wrongState } from './refusals.js';
import { credentialsIssued } from './roll-state.js';
import { checkTimeZone, instant } from './schedule.js';
import { thresholdSetupProblems } from './threshold.js';
import { parseVoterRoll, type RollEntry } from './voter-roll.js';

/** An import checked and ready to write (ElectionService.prepareImport). */
export type PreparedImport =
  | { readonly row: ElectionRow; readonly voters: VoterRow[] }
  | { readonly row: ElectionRow; readonly unchanged: VoterRow[] };

/** A credential the server just generated for a voter, before it is handed to the outbox. */
export interface FreshCredential {
  readonly voterId: string;
  readonly publicCredential: string;
  readonly credential: PrivateCredential;
}

/** What a credential authority (the server, in server mode) must hand to each voter, once. */
export interface IssuedCredential {
  readonly voterId: string;
  readonly login: string;
  readonly email: string;
  readonly credential: string;
}

export class ElectionService {
  /**
   * recovery: seals fresh server credentials to the officer's key (set in src/server/routes/recovery.ts)
   * and answers the step storing the escrows, run in the transaction that binds the credentials.
   */
  escrowFreshCredentials?: (
    row: ElectionRow,
    actor: Actor,
    fresh: FreshCredential[],
  ) => Promise<(tx: Store) => Promise<void>>;
  /** recovery: refuses to issue credentials while an appointed recovery officer has sent no key. */
  beforeIssuingCredentials?: (electionId: string) => Promise<void>;
  /** consultations: the box of an election annulled here is annulled with it (src/congress/consultations.ts). */
  afterAnnul?: (row: ElectionRow, actor: Actor) => Promise<void>;
  /** consultations: a publication may complete a round and prepare the next one. */
  afterPublish?: (row: ElectionRow, actor: Actor) => Promise<void>;

  constructor(
    private readonly store: Store,
    readonly board: BoardService,
    private readonly clock: Clock,
    private readonly checker: BallotBatchChecker,
  ) {}

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  async get(electionId: string): Promise<ElectionRow> {
    const row = await this.store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  /**
   * `update` and `audit` take the store to write through: the `tx` of a `store.transaction`, so that
   * a change and its audit entry commit together (a crash between them would leave no trace).
   */
  private async update(
    tx: Store,
    row: ElectionRow,
    allowed: readonly ElectionState[],
    patch: Parameters<Store['elections']['update']>[2],
  ): Promise<ElectionRow> {
    if (!allowed.includes(row.state)) throw wrongState(row, allowed);
    const updated = await tx.elections.update(row.id, row.version, {
      ...patch,
      updatedAt: this.nowIso(),
    });
    if (!updated) throw new DomainError('SCR_CONFLICT');
    return updated;
  }

  async create(
    organisationId: string,
    actor: Actor,
    input: {
      name: string;
      description: string;
      timeZone: string;
      groupName?: string;
      credentialMode?: 'server' | 'external';
    },
    /** More writes of the same action (the creator's election-admin role), in its transaction. */
    also?: (tx: Store, row: ElectionRow) => Promise<void>,
  ): Promise<ElectionRow> {
    const group = requireGroup(input.groupName ?? 'BELENIOS-2048');
    checkTimeZone(input.timeZone);
    const now = this.nowIso();
    const row: ElectionRow = {
      id: generateToken(),
      organisationId,
      state: 'draft',
      name: input.name,
      description: input.description,
      groupName: group.name,
      questionsJson: '[]',
      timeZone: input.timeZone,
      opensAt: null,
      closesAt: null,
      credentialMode: input.credentialMode ?? 'server',
      electionJson: null,
      fingerprint: null,
      trusteesHash: null,
      credentialsHash: null,
      archiveTimestamp: null,
      annulReason: null,
      resultJson: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.transaction(async (tx) => {
      await tx.elections.create(row);
      await also?.(tx, row);
      await auditElection(tx, row, actor, 'election.create', { name: input.name });
    });
    return row;
  }

  async setQuestions(electionId: string, actor: Actor, questions: unknown): Promise<ElectionRow> {
    const row = await this.get(electionId);
    const group = requireGroup(row.groupName);
    const parsed = parseQuestions(questions, group);
    return this.store.transaction(async (tx) => {
      const updated = await this.update(tx, row, ['draft'], {
        questionsJson: JSON.stringify(parsed.map((q) => questionCodec.toJson(q))),
      });
      await auditElection(tx, updated, actor, 'election.questions', { count: parsed.length });
      return updated;
    });
  }

  async setSchedule(
    electionId: string,
    actor: Actor,
    schedule: { opensAt: string | null; closesAt: string | null; timeZone?: string },
  ) {
    const row = await this.get(electionId);
    if (schedule.timeZone) checkTimeZone(schedule.timeZone);
    const opensAt = schedule.opensAt && instant(schedule.opensAt);
    const closesAt = schedule.closesAt && instant(schedule.closesAt);
    if (opensAt && closesAt && opensAt >= closesAt)
      throw new DomainError('SCR_BAD_REQUEST', { problem: 'closing must be after opening' });
    return this.store.transaction(async (tx) => {
      const updated = await this.update(tx, row, ['draft'], {
        opensAt: opensAt || null,
        closesAt: closesAt || null,
        timeZone: schedule.timeZone ?? row.timeZone,
      });
      await auditElection(tx, updated, actor, 'election.schedule', {
        opensAt,
        closesAt,
        timeZone: updated.timeZone,
      });
      return updated;
    });
  }

  /** Moves the closing time later, before it has passed (an open election only). */
  async extendClosing(electionId: string, actor: Actor, closesAt: string): Promise<ElectionRow> {
    const row = await this.get(electionId);
    const next = instant(closesAt);
    const now = this.nowIso();
    if (row.closesAt && row.closesAt <= now)
      throw new DomainError('SCR_WRONG_STATE', { problem: 'the closing time has passed' });
    if (next <= now || (row.closesAt !== null && next <= row.closesAt)) {
      throw new DomainError('SCR_BAD_REQUEST', {
        problem: 'the new closing time must be later than the current one and in the future',
      });
    }
    return this.store.transaction(async (tx) => {
      const updated = await this.update(tx, row, ['open', 'draft'], { closesAt: next });
      await auditElection(tx, updated, actor, 'election.extend', { from: row.closesAt, to: next });
      return updated;
    });
  }

  /**
   * Imports the roll, replacing it. A voter without a language is stored with none (''): they follow
   * the election's default language (its delivery settings) wherever it is read, even when the
   * default is set after the import; a caller may name a default to store instead (the demo, tests).
   * Once credentials are issued, the roll changes one voter at a time (src/election/roll-changes.ts):
   * an import that differs from the roll in anything is refused and changes nothing; an identical
   * one changes nothing and is answered as such (`unchanged`), with no audit entry.
   */
  async importVoters(
    electionId: string,
    actor: Actor,
    csv: string,
    defaultLanguage?: string,
  ): Promise<VoterRow[] & { unchanged?: true }> {
    return this.applyImport(actor, await this.prepareImport(electionId, csv, defaultLanguage));
  }

  /**
   * Everything an import checks, without writing: the parsed roll, or the current one when the
   * import is identical to it after credentials were issued (a consultation checks every box first).
   */
  async prepareImport(electionId: string, csv: string, defaultLanguage?: string): Promise<PreparedImport> {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const parsed = parseVoterRoll(checkCsvText(csv), defaultLanguage ?? '');
    if (!parsed.ok) throw new DomainError('SCR_INVALID_VOTERS', { problems: parsed.problems });
    if (await credentialsIssued(this.store, row)) {
      const current = await this.store.voters.list(electionId);
      const differences = rollDifferences(current, parsed.voters);
      if (differences.length > 0)
        throw new DomainError('SCR_ROLL_LOCKED', {
          actions: ['correct an address', 'add a voter', 'remove a voter', 'change a weight'],
          differences: differences.slice(0, 50),
          more: Math.max(0, differences.length - 50),
        });
      return { row, unchanged: current };
    }
    const voters: VoterRow[] = parsed.voters.map((v) => ({
      id: randomId(),
      electionId,
      email: v.email,
      login: v.login,
      displayName: v.displayName,
      weight: v.weight.toString(),
      language: v.language,
      publicCredential: null,
      passwordHash: null,
    }));
    return { row, voters };
  }

  async applyImport(actor: Actor, prepared: PreparedImport): Promise<VoterRow[] & { unchanged?: true }> {
    const { row } = prepared;
    if ('unchanged' in prepared) return Object.assign(prepared.unchanged, { unchanged: true as const });
    const { voters } = prepared;
    await this.store.transaction(async (tx) => {
      await tx.voters.replace(row.id, voters);
      await this.update(tx, row, ['draft'], {});
      await auditElection(tx, row, actor, 'voters.import', { count: voters.length });
    });
    return voters;
  }

  /**
   * A per-voter change of a draft roll moves the election's version (roll-changes.ts), in the
   * change's transaction `tx`: an opening that read the roll before fails.
   */
  async markRollChanged(tx: Store, row: ElectionRow): Promise<void> {
    const current = await tx.elections.get(row.id);
    if (!current) throw new DomainError('SCR_NOT_FOUND');
    await this.update(tx, current, ['draft'], {});
  }

  /** The weakest trustee mode, labelled as such: the server generates and holds the decryption key. */
  async useServerTrustee(electionId: string, actor: Actor): Promise<void> {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    const { privateKey, publicKey } = generateTrusteeKey(group);
    await this.store.transaction(async (tx) => {
      const trustees = await tx.trustees.list(electionId);
      await tx.trustees.save({
        electionId,
        position: trustees.length,
        kind: 'server',
        accountId: null,
        displayName: 'Server key (weakest mode: the platform can decrypt alone)',
        publicJson: encode(trusteePublicKeyCodec, publicKey),
        serverPrivateKey: privateKey.reveal().toString(),
      });
      await this.update(tx, row, ['draft'], {});
      await auditElection(tx, row, actor, 'trustee.server-key');
    });
  }

  /** An external `Single` trustee: the key pair was made on the trustee's side; only the public part comes here. */
  async addSingleTrustee(
    electionId: string,
    actor: Actor,
    input: { displayName: string; accountId: string | null; publicKey: string },
  ) {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    let key: ReturnType<typeof trusteePublicKeyCodec.decode>;
    try {
      key = decodeText(trusteePublicKeyCodec, input.publicKey.trim(), 'public key');
    } catch (error) {
      if (error instanceof DecodeError)
        throw new DomainError('SCR_INVALID_TRUSTEE_DATA', { problem: error.message });
      throw error;
    }
    if (!verifyTrusteePublicKey(group, key))
      throw new DomainError('SCR_INVALID_TRUSTEE_DATA', {
        problem: 'the proof of knowledge does not verify',
      });
    await this.store.transaction(async (tx) => {
      const trustees = await tx.trustees.list(electionId);
      await tx.trustees.save({
        electionId,
        position: trustees.length,
        kind: 'single',
        accountId: input.accountId,
        displayName: input.displayName,
        publicJson: encode(trusteePublicKeyCodec, key),
        serverPrivateKey: null,
      });
      await this.update(tx, row, ['draft'], {});
      await auditElection(tx, row, actor, 'trustee.add', {
        displayName: input.displayName,
        fingerprint: sha256B64(input.publicKey.trim()),
      });
    });
  }

  /**
   * Server as credential authority, for a local trial (`scrutin demo`) and tests: one fresh
   * credential per voter, returned once to the caller and never stored; the store keeps the public
   * credential bound to the login. A real election uses `issueServerCredentials`, which hands each
   * private credential to its voter's message and returns none.
   */
  async generateServerCredentials(electionId: string, actor: Actor): Promise<IssuedCredential[]> {
    const { row, voters, fresh, fingerprint, saveEscrows } = await this.freshServerCredentials(
      electionId,
      actor,
    );
    await this.store.transaction(async (tx) => {
      await saveEscrows?.(tx);
      await tx.voters.setSecrets(
        electionId,
        fresh.map((f) => ({ voterId: f.voterId, publicCredential: f.publicCredential })),
      );
      await this.finishServerCredentials(tx, row, actor, voters.length, fingerprint);
    });
    const byId = new Map(voters.map((v) => [v.id, v]));
    return fresh.map(({ voterId, credential }) => {
      const v = byId.get(voterId)!;
      return { voterId: v.id, login: v.login, email: v.email, credential: credential.reveal() };
    });
  }

  /**
   * Server as credential authority (issue #4): generates one credential per voter and, in one
   * transaction, binds the public credentials and queues each private credential in a message to its
   * voter only (plus, in password mode, the password messages, due later). Nothing secret is returned:
   * the outbox erases each credential once the mail server has accepted its message.
   */
  async issueServerCredentials(
    electionId: string,
    actor: Actor,
    delivery: DeliveryContext,
  ): Promise<{ count: number; fingerprint: string; credentialMessages: number; passwordMessages: number }> {
    await this.beforeIssuingCredentials?.(electionId); // recovery
    const { row, voters, fresh, fingerprint, saveEscrows } = await this.freshServerCredentials(
      electionId,
      actor,
    );
    // The outbox is in the database: the escrows, the messages, the public credentials and the audit
    // entries commit together. (Sending is the outbox sender's, after the commit.)
    const queued = await this.store.transaction(async (tx) => {
      await saveEscrows?.(tx);
      const queued = await queueGeneratedCredentials(queueingIn(delivery, tx), electionId, fresh);
      await this.finishServerCredentials(tx, row, actor, voters.length, fingerprint);
      return queued;
    });
    delivery.wake?.();
    return { count: voters.length, fingerprint, ...queued };
  }

  private async freshServerCredentials(electionId: string, actor: Actor) {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    const voters = await this.store.voters.list(electionId);
    if (voters.length === 0)
      throw new DomainError('SCR_NO_VOTERS', { problem: 'the voter list is empty: import it first' });
    const identities: VoterIdentity[] = voters.map((v) => ({
      id: v.id,
      login: v.login,
      weight: BigInt(v.weight),
    }));
    const generated = generateCredentials(electionId, group, identities);
    const publicByLogin = new Map(
      generated.publicWithLogins.map((line) => {
        const [credential, , login] = line.split(',');
        return [login!, credential!];
      }),
    );
    const fresh = generated.privateCredentials.map(({ voter, credential }) => ({
      voterId: voter.id,
      publicCredential: publicByLogin.get(voter.login)!,
      credential,
    }));
    // recovery: sealed here, stored with the public credentials (src/recovery/service.ts).
    const saveEscrows = await this.escrowFreshCredentials?.(row, actor, fresh);
    return { row, voters, fresh, fingerprint: generated.fingerprint, saveEscrows };
  }

  private async finishServerCredentials(
    tx: Store,
    row: ElectionRow,
    actor: Actor,
    count: number,
    fingerprint: string,
  ) {
    await this.update(tx, row, ['draft'], { credentialMode: 'server' });
    await auditElection(tx, row, actor, 'credentials.generate', { count, fingerprint });
  }

  /** External credential authority: `credential,weight,login` lines (the tool's .pubcreds), matched by login. */
  async setExternalPublicCredentials(
    electionId: string,
    actor: Actor,
    lines: string[],
  ): Promise<{ fingerprint: string }> {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    const voters = await this.store.voters.list(electionId);
    const byLogin = new Map(voters.map((v) => [v.login, v]));
    const problems: { line: number; problem: string }[] = [];
    const updates: { voterId: string; publicCredential: string }[] = [];
    const seen = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const [credential = '', weight = '', login = ''] = line.split(',');
      const voter = byLogin.get(login);
      if (!voter) {
        problems.push({ line: i + 1, problem: `unknown login "${login}"` });
      } else if (!/^[1-9][0-9]*$/.test(credential) || !group.isMember(BigInt(credential))) {
        problems.push({ line: i + 1, problem: 'not a public credential of this group' });
      } else if (weight !== '' && weight !== voter.weight) {
        problems.push({ line: i + 1, problem: `weight ${weight} differs from the roll (${voter.weight})` });
      } else if (seen.has(credential)) {
        problems.push({ line: i + 1, problem: 'duplicate credential' });
      } else {
        seen.add(credential);
        updates.push({ voterId: voter.id, publicCredential: credential });
      }
    }
    if (updates.length !== voters.length && problems.length === 0)
      problems.push({ line: 0, problem: `${voters.length - updates.length} voters have no credential` });
    if (problems.length > 0) throw new DomainError('SCR_INVALID_CREDENTIALS', { problems });
    const uploaded = new Map(updates.map((u) => [u.voterId, u.publicCredential]));
    const fingerprint = publicCredentialsFingerprint(
      credentialsList(voters.map((v) => ({ ...v, publicCredential: uploaded.get(v.id)! }))),
    );
    await this.store.transaction(async (tx) => {
      await tx.voters.setSecrets(electionId, updates);
      await this.update(tx, row, ['draft'], { credentialMode: 'external' });
      await auditElection(tx, row, actor, 'credentials.upload', { count: updates.length, fingerprint });
    });
    return { fingerprint };
  }

  /** Opens the election: freezes questions, voters and keys in the Setup event and seals their hashes. */
  async open(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    const questions: Question[] = storedQuestions(row);
    // A draft saved before such questions were refused (issue 15) is not opened either.
    refuseNonHomomorphic(questions);
    const voters = await this.store.voters.list(electionId);
    const trustees = await this.store.trustees.list(electionId);
    const problems: string[] = [];
    if (questions.length === 0) problems.push('no questions');
    if (voters.length === 0) problems.push('no voters');
    if (voters.some((v) => v.publicCredential === null)) problems.push('some voters have no credential');
    if (trustees.length === 0) problems.push('no trustees');
    problems.push(...thresholdSetupProblems(trustees));
    if (problems.length > 0) throw new DomainError('SCR_INVALID_SETUP', { problems });
    const kinds = trusteeKinds(trustees);
    const made = makeElection(
      { description: row.description, name: row.name, questions },
      row.id,
      group,
      kinds,
    );
    if (!made.ok) throw new DomainError('SCR_INVALID_SETUP', { problems: [made.problem] });
    const trusteesRaw = encode(trusteesCodec, kinds);
    const credentialsRaw = JSON.stringify(credentialsList(voters));
    const setupRaw = encode(setupDataCodec, {
      election: sha256Hex(made.raw),
      trustees: sha256Hex(trusteesRaw),
      credentials: sha256Hex(credentialsRaw),
    });
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    // The state (checked against the version read, so no one edited the roll meanwhile), the Setup
    // event and the audit entry commit together.
    return this.board.appendInTransaction(
      electionId,
      'Setup',
      [made.raw, trusteesRaw, credentialsRaw, setupRaw],
      (append) =>
        this.store.transaction(async (tx) => {
          const opened = await this.update(tx, row, ['draft'], {
            state: 'open',
            electionJson: made.raw,
            fingerprint: sha256B64(made.raw),
            trusteesHash: sha256B64(trusteesRaw),
            credentialsHash: sha256B64(credentialsRaw),
            archiveTimestamp: timestamp,
          });
          await append(tx);
          await auditElection(tx, opened, actor, 'election.open', {
            fingerprint: opened.fingerprint,
            trusteesHash: opened.trusteesHash,
            credentialsHash: opened.credentialsHash,
          });
          return opened;
        }),
    );
  }

  async castBallot(electionId: string, voterId: string, rawBallot: string): Promise<{ tracker: string }> {
    const row = await this.get(electionId);
    const now = this.nowIso();
    if (row.state !== 'open' || (row.closesAt !== null && row.closesAt <= now))
      throw new DomainError('SCR_VOTING_CLOSED');
    const voter = await this.store.voters.get(voterId);
    if (!voter || voter.electionId !== electionId || !voter.publicCredential)
      throw new DomainError('SCR_FORBIDDEN');
    if (rawBallot.length > MAX_BALLOT_BYTES) throw new DomainError('SCR_PAYLOAD_TOO_LARGE');
    const raw = rawBallot.trim();
    const parsed = parseBallot(raw);
    if (!parsed.ok) throw new DomainError('SCR_BALLOT_MALFORMED', { problem: parsed.problem });
    if (parsed.ballot.credential.toString() !== voter.publicCredential)
      throw new DomainError('SCR_BALLOT_WRONG_CREDENTIAL');
    const { state } = await this.board.state(electionId);
    if (!state) throw new DomainError('SCR_VOTING_CLOSED');
    const [verdict] = await this.checker(state.ctx, [raw]);
    if (!verdict!.ok) throw new DomainError('SCR_BALLOT_INVALID', { reason: verdict!.reason });
    const appended = await this.board.append(electionId, 'Ballot', [raw], {
      ballot: { tracker: parsed.tracker, voterId, credential: voter.publicCredential },
      ballotVerdict: verdict,
    });
    if (!appended.ok) {
      if (appended.reason === 'duplicate-tracker' || appended.failure?.reason === 'replay')
        throw new DomainError('SCR_BALLOT_DUPLICATE');
      if (appended.failure?.check === 'chain') throw new DomainError('SCR_VOTING_CLOSED');
      throw new DomainError('SCR_BALLOT_INVALID', { problem: appended.failure?.message });
    }
    return { tracker: parsed.tracker };
  }

  async close(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.get(electionId);
    // The state, the EndBallots event and the audit entry commit together; the entry reports the
    // ballots the board's verifier accepted (it checks every event as it comes). The whole archive is
    // then re-verified from the store, and only a failure of that check adds an entry.
    const closed = await this.board.appendInTransaction(electionId, 'EndBallots', [], (append, counts) =>
      this.store.transaction(async (tx) => {
        const closed = await this.update(tx, row, ['open'], { state: 'closed' });
        await append(tx);
        await auditElection(tx, closed, actor, 'election.close', { ballots: counts.ballots, verified: true });
        return closed;
      }),
    );
    const check = await this.board.reverify(electionId);
    if (check.failure) {
      await this.store.transaction((tx) =>
        auditElection(tx, closed, actor, 'board.reverify', {
          ballots: check.counts.ballots,
          verified: false,
          problem: check.failure?.message,
        }),
      );
    }
    return closed;
  }

  /**
   * Computes the encrypted tally. A server-held key decrypts only at publication: published shares
   * of all trustees would let anyone compute the result of an election annulled after its tally.
   */
  async tally(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.get(electionId);
    if (row.state !== 'closed') throw wrongState(row, ['closed']);
    const { state } = await this.board.state(electionId);
    if (!state) throw new Error('closed election without a board');
    const tallied = state.box.tallied();
    const tally = computeEncryptedTally(state.ctx, tallied);
    const tallyRaw = encode(encryptedTallyCodec, tally);
    const sized = encode(sizedEncryptedTallyCodec, {
      num_tallied: tallied.length,
      total_weight: tallied.reduce((sum, b) => sum + b.weight, 0n),
      encrypted_tally: sha256Hex(tallyRaw),
    });
    // The state, the EncryptedTally event and the audit entry commit together.
    return this.board.appendInTransaction(electionId, 'EncryptedTally', [tallyRaw, sized], (append) =>
      this.store.transaction(async (tx) => {
        const updated = await this.update(tx, row, ['closed'], { state: 'tallied' });
        await append(tx);
        await auditElection(tx, updated, actor, 'election.tally', { tallied: tallied.length });
        return updated;
      }),
    );
  }

  /** A trustee's partial decryption (computed on the trustee's side), checked before it is stored. */
  async submitPartialDecryption(
    electionId: string,
    actor: Actor,
    owner: number,
    partialRaw: string,
  ): Promise<void> {
    const row = await this.get(electionId);
    if (row.state !== 'tallied') throw wrongState(row, ['tallied']);
    let partial: ReturnType<typeof partialDecryptionCodec.decode>;
    try {
      partial = decodeText(partialDecryptionCodec, partialRaw.trim(), 'partial decryption');
    } catch (error) {
      if (error instanceof DecodeError)
        throw new DomainError('SCR_INVALID_PARTIAL_DECRYPTION', { problem: error.message });
      throw error;
    }
    const raw = encode(partialDecryptionCodec, partial);
    const owned = encode(ownedCodec, { owner, payload: sha256Hex(raw) });
    // The board's event and the audit entry commit together.
    try {
      await this.board.appendInTransaction(electionId, 'PartialDecryption', [raw, owned], (append) =>
        this.store.transaction(async (tx) => {
          await append(tx);
          await auditElection(tx, row, actor, 'trustee.partial-decryption', { owner });
        }),
      );
    } catch (error) {
      // An election opened before non-homomorphic questions were refused: its board's verifier will
      // not take a decryption of unshuffled answers (issue 15), so it stays tallied, undecrypted.
      if (error instanceof BoardRefusal && error.failure.check === 'shuffles')
        throw new DomainError('SCR_NON_HOMOMORPHIC_UNAVAILABLE', { problem: error.failure.message });
      if (error instanceof BoardRefusal)
        throw new DomainError('SCR_INVALID_PARTIAL_DECRYPTION', { problem: error.failure.message });
      throw error;
    }
  }

  /** The server-held key's share, last, then combine, write the Result event, re-verify, publish. */
  async publish(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.get(electionId);
    if (row.state !== 'tallied') throw wrongState(row, ['tallied']);
    await this.decryptWithServerKeys(electionId);
    const { state, phase } = await this.board.state(electionId);
    if (!state?.tally) throw new Error('tallied election without an encrypted tally');
    const missing = missingDecryptions(
      state.trustees,
      state.shares,
      await this.store.trustees.list(electionId),
    );
    if (missing) throw new DomainError('SCR_NOT_DECRYPTED', missing);
    const combined = combineFactors(state.ctx.group, state.trustees, state.shares, state.tally);
    if (!combined.ok) throw new DomainError('SCR_NOT_DECRYPTED', { problem: combined.problem });
    const computed = computeResult(state.ctx, state.tally, combined.factors, state.totalWeight);
    if (!computed.ok) throw new Error(computed.problem);
    const resultRaw = JSON.stringify({ result: resultToJson(computed.result) });
    // A publication stopped after its Result event (a crash, a failed audit write rolling the state
    // back) resumes here: the verified Result stays on the board, and the same one is recorded.
    if (phase !== 'result') {
      const appended = await this.board.append(electionId, 'Result', [resultRaw]);
      if (!appended.ok) throw new Error(`Result refused: ${appended.failure?.message ?? appended.reason}`);
    }
    const check = await this.board.reverify(electionId);
    if (check.failure) throw new Error(`the board does not verify: ${check.failure.message}`);
    const published = await this.store.transaction(async (tx) => {
      const published = await this.update(tx, row, ['tallied'], {
        state: 'published',
        resultJson: resultRaw,
      });
      await auditElection(tx, published, actor, 'election.publish', { verified: true });
      return published;
    });
    await this.afterPublish?.(published, actor); // consultations (its own transactions)
    return published;
  }

  private async decryptWithServerKeys(electionId: string): Promise<void> {
    const { state } = await this.board.state(electionId);
    if (!state?.tally) return;
    const rows = await this.store.trustees.list(electionId);
    const kinds = trusteeKinds(rows);
    for (const trustee of rows) {
      if (trustee.kind !== 'server' || trustee.serverPrivateKey === null) continue;
      const owner = ownerOf(kinds, trustee.position);
      if (state.shares.has(owner)) continue;
      const partial = computePartialDecryption(state.ctx, state.tally, BigInt(trustee.serverPrivateKey));
      await this.submitPartialDecryption(
        electionId,
        { id: 'server' },
        owner,
        encode(partialDecryptionCodec, partial),
      );
    }
  }

  async annul(electionId: string, actor: Actor, reason: string): Promise<ElectionRow> {
    const row = await this.get(electionId);
    const trimmed = meaningfulReason(reason);
    if (trimmed === undefined)
      throw new DomainError('SCR_BAD_REQUEST', { problem: 'give the reason for the annulment' });
    const annulled = await this.store.transaction(async (tx) => {
      const annulled = await this.update(tx, row, ['draft', 'open', 'closed', 'tallied'], {
        state: 'annulled',
        annulReason: trimmed,
        resultJson: null,
      });
      await auditElection(tx, annulled, actor, 'election.annul', { reason: trimmed, from: row.state });
      return annulled;
    });
    await this.afterAnnul?.(annulled, actor); // consultations (its own transaction)
    return annulled;
  }

  /** Opens and closes elections whose scheduled time has come (called periodically by the server). */
  async tick(): Promise<void> {
    const now = this.nowIso();
    for (const organisation of await this.store.accounts.listOrganisations()) {
      for (const row of await this.store.elections.list(organisation.id)) {
        try {
          if (row.state === 'draft' && row.opensAt !== null && row.opensAt <= now)
            await this.open(row.id, { id: 'system' });
          else if (row.state === 'open' && row.closesAt !== null && row.closesAt <= now)
            await this.close(row.id, { id: 'system' });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // Not ready (e.g. no voters yet) or changed meanwhile: the audit log shows nothing happened.
        }
      }
    }
  }
}

/**
 * How an import differs from the roll, by login and field (never an address): an empty list means
 * the import is the roll as it is. Order does not matter.
 */
export function rollDifferences(
  current: readonly VoterRow[],
  imported: readonly RollEntry[],
): { login: string; change: string }[] {
  const differences: { login: string; change: string }[] = [];
  // Logins are one person's whatever their case (identityKey), as on import.
  const byLogin = new Map(imported.map((v) => [identityKey(v.login), v]));
  for (const voter of current) {
    const next = byLogin.get(identityKey(voter.login));
    if (!next) {
      differences.push({ login: voter.login, change: 'removed' });
      continue;
    }
    if (next.login !== voter.login) differences.push({ login: voter.login, change: 'login' });
    if (next.email !== voter.email) differences.push({ login: voter.login, change: 'address' });
    if (next.weight.toString() !== voter.weight) differences.push({ login: voter.login, change: 'weight' });
    if (next.displayName !== voter.displayName) differences.push({ login: voter.login, change: 'name' });
    if (next.language !== voter.language) differences.push({ login: voter.login, change: 'language' });
  }
  const known = new Set(current.map((v) => identityKey(v.login)));
  for (const next of imported)
    if (!known.has(identityKey(next.login))) differences.push({ login: next.login, change: 'added' });
  return differences;
}
