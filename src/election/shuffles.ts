/**
 * The shuffle phase of an election with non-homomorphic questions (issue 18; spec §3.4 step 3,
 * §4.17): once the encrypted tally is on the board, each trustee in turn — owners 1, 2, …, m of the
 * flattened trustees list, the spec's order — shuffles the current non-homomorphic ciphertexts (the
 * tally's, then the previous shuffle's output) on their side and posts the shuffle; the board's
 * verifier checks it before it is stored (a refused one is a coded error naming the check, nothing
 * written). A server-held key's trustee shuffles here, when its turn comes. When every trustee has
 * shuffled or been skipped, EndShuffles closes the phase: only then may anyone decrypt, and what
 * they decrypt is the last shuffle's output (the board's state merges it into the tally).
 *
 * Threshold (Pedersen) trustees shuffle under their own owner numbers, as belenios-tool 2.0 lets
 * them (`election shuffle --trustee-id N` for any member): a shuffle needs only the election's
 * public key, never a share. Since a threshold election is meant to go on without some trustees, the
 * admin may skip a trustee who does not shuffle (as Belenios's server allows); the skip is recorded
 * in the audit log, from which the turn order is read, and at least one trustee must have shuffled
 * before EndShuffles (one honest shuffle is what unlinks the answers from the ballots).
 */
import { DecodeError, decodeText, encode } from '../core/codec.js';
import { sha256Hex } from '../core/hash.js';
import { DomainError } from '../errors/catalogue.js';
import type { BoardState } from '../protocol/board-verifier.js';
import { isHomomorphic, nhCiphertextsCodec, ownedCodec, shuffleCodec } from '../protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../protocol/mixnet.js';
import type { ElectionRow, Store, TrusteeRow } from '../store/store.js';
import { type Actor, auditElection } from './actor.js';
import { ownerOf, trusteeKinds } from './archive-lists.js';
import { BoardRefusal, type BoardService } from './board.js';
import type { ElectionRecords } from './records.js';
import { wrongState } from './refusals.js';
import { parseThresholdState } from './threshold.js';

/** One trustee's place in the shuffle order. */
export interface Shuffler {
  readonly owner: number;
  readonly displayName: string;
  readonly kind: 'server' | 'single' | 'pedersen';
  readonly status: 'shuffled' | 'skipped' | 'next' | 'waiting';
}

/** Where an election stands in its shuffle phase. */
export interface ShufflePhase {
  /** False when the election has no non-homomorphic question (nothing to shuffle). */
  readonly needed: boolean;
  /** EndShuffles is on the board: the shuffled ciphertexts may be decrypted. */
  readonly ended: boolean;
  readonly shufflers: readonly Shuffler[];
  /** Owner whose turn it is, if the phase is running. */
  readonly next: number | null;
  /** The ciphertexts the next shuffle takes (nh_ciphertexts JSON), while the phase runs. */
  readonly input: string | null;
}

/** Every trustee of the flattened list (spec §4.7), with its owner number, in the spec's order. */
function orderedTrustees(rows: readonly TrusteeRow[]): Omit<Shuffler, 'status'>[] {
  const kinds = trusteeKinds(rows);
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .flatMap((row): Omit<Shuffler, 'status'>[] => {
      const first = ownerOf(kinds, row.position);
      if (row.kind !== 'pedersen') return [{ owner: first, displayName: row.displayName, kind: row.kind }];
      return parseThresholdState(row).trustees.map((member, i) => ({
        owner: first + i,
        displayName: member.displayName,
        kind: 'pedersen',
      }));
    });
}

export class ElectionShuffles {
  constructor(
    private readonly records: ElectionRecords,
    private readonly board: BoardService,
    /** Issue 18: while the booth cannot take such questions, none is shuffled either. */
    private readonly enabled: boolean,
  ) {}

  private get store(): Store {
    return this.records.store;
  }

  async phase(electionId: string): Promise<ShufflePhase> {
    const row = await this.records.get(electionId);
    if (row.state === 'draft') return { needed: false, ended: false, shufflers: [], next: null, input: null };
    const { state, phase } = await this.board.state(electionId);
    return this.phaseOf(row, state, phase);
  }

  private async phaseOf(
    row: ElectionRow,
    state: BoardState | undefined,
    boardPhase: string,
  ): Promise<ShufflePhase> {
    const needed = state?.ctx.election.questions.some((q) => !isHomomorphic(q)) ?? false;
    if (!state || !needed) return { needed, ended: false, shufflers: [], next: null, input: null };
    const tallied = boardPhase !== 'setup' && boardPhase !== 'voting' && boardPhase !== 'ended';
    const ended = tallied && boardPhase !== 'tallied';
    const skipped = await this.skipped(row);
    let next: number | null = null;
    const shufflers = orderedTrustees(await this.store.trustees.list(row.id)).map((t): Shuffler => {
      let status: Shuffler['status'] = 'waiting';
      if (state.shufflers.includes(t.owner)) status = 'shuffled';
      else if (skipped.has(t.owner)) status = 'skipped';
      else if (tallied && !ended && next === null) {
        next = t.owner;
        status = 'next';
      }
      return { ...t, status };
    });
    const running = next !== null;
    const input = running && state.nhCiphertexts ? encode(nhCiphertextsCodec, state.nhCiphertexts) : null;
    return { needed, ended, shufflers, next, input };
  }

  /** Owners the admin skipped, from the election's audit entries (the record of that decision). */
  private async skipped(row: ElectionRow): Promise<Set<number>> {
    const entries = await this.store.audit.list({ organisationId: row.organisationId, electionId: row.id });
    return new Set(
      entries.filter((e) => e.action === 'election.shuffle-skip').map((e) => Number(e.details.owner)),
    );
  }

  /** The phase, running: the election tallied, shuffles needed and not ended; refused otherwise. */
  private async running(electionId: string): Promise<{ row: ElectionRow; phase: ShufflePhase }> {
    const row = await this.records.get(electionId);
    if (row.state !== 'tallied') throw wrongState(row, ['tallied']);
    const { state, phase: boardPhase } = await this.board.state(electionId);
    const phase = await this.phaseOf(row, state, boardPhase);
    if (!phase.needed)
      throw new DomainError('SCR_WRONG_STATE', {
        problem: 'this election has no ranking or grading question: there is nothing to shuffle',
      });
    if (!this.enabled) throw new DomainError('SCR_NON_HOMOMORPHIC_UNAVAILABLE', { problem: 'shuffles' });
    if (phase.ended)
      throw new DomainError('SCR_WRONG_STATE', {
        problem: 'the shuffles are over (EndShuffles is on the board)',
      });
    return { row, phase };
  }

  /**
   * A trustee's shuffle (computed on their side), checked by the board's verifier before it is
   * stored with its audit entry; then the phase moves on (server shuffles, EndShuffles).
   */
  async submit(electionId: string, actor: Actor, owner: number, shuffleRaw: string): Promise<ShufflePhase> {
    const { row, phase } = await this.running(electionId);
    if (phase.next !== owner) {
      const who = phase.shufflers.find((s) => s.owner === owner);
      throw new DomainError('SCR_SHUFFLE_OUT_OF_TURN', {
        owner,
        next: phase.next,
        problem: !who
          ? `there is no trustee ${owner} in this election`
          : who.status === 'shuffled'
            ? `trustee ${owner} has already shuffled`
            : who.status === 'skipped'
              ? `trustee ${owner} was skipped`
              : `it is trustee ${phase.next}'s turn to shuffle (the trustees shuffle in order)`,
      });
    }
    let raw: string;
    try {
      raw = serializeShuffle(decodeText(shuffleCodec, shuffleRaw.trim(), 'shuffle'));
    } catch (error) {
      if (error instanceof DecodeError)
        throw new DomainError('SCR_INVALID_SHUFFLE', {
          check: 'shuffles',
          reason: 'malformed',
          problem: error.message,
        });
      throw error;
    }
    await this.append(row, actor, owner, raw);
    return this.advance(electionId, actor);
  }

  private async append(row: ElectionRow, actor: Actor, owner: number, raw: string): Promise<void> {
    const owned = encode(ownedCodec, { owner, payload: sha256Hex(raw) });
    try {
      await this.board.appendInTransaction(row.id, 'Shuffle', [raw, owned], (append) =>
        this.store.transaction(async (tx) => {
          await append(tx);
          await auditElection(tx, row, actor, 'trustee.shuffle', { owner });
        }),
      );
    } catch (error) {
      if (error instanceof BoardRefusal)
        throw new DomainError('SCR_INVALID_SHUFFLE', {
          check: error.failure.check,
          reason: error.failure.reason,
          problem: error.failure.message,
        });
      throw error;
    }
  }

  /** The admin skips the trustee whose turn it is (one who cannot or will not shuffle). */
  async skip(electionId: string, actor: Actor, owner: number): Promise<ShufflePhase> {
    const { row, phase } = await this.running(electionId);
    if (phase.next !== owner)
      throw new DomainError('SCR_SHUFFLE_OUT_OF_TURN', {
        owner,
        next: phase.next,
        problem: `only the trustee whose turn it is (trustee ${phase.next}) can be skipped`,
      });
    const remaining = phase.shufflers.filter((s) => s.status === 'waiting' || s.status === 'next');
    if (remaining.length === 1 && !phase.shufflers.some((s) => s.status === 'shuffled'))
      throw new DomainError('SCR_SHUFFLE_OUT_OF_TURN', {
        owner,
        next: phase.next,
        problem: 'this is the last trustee and no one has shuffled yet: at least one shuffle is needed',
      });
    await this.store.transaction(async (tx) => {
      // The version check orders this skip against any other change of the election.
      const updated = await this.records.update(tx, row, ['tallied'], {});
      await auditElection(tx, updated, actor, 'election.shuffle-skip', { owner });
    });
    return this.advance(electionId, actor);
  }

  /**
   * Moves the phase on after the tally or a shuffle: a server-held key's trustee shuffles when its
   * turn comes, and EndShuffles is written once no trustee is left to shuffle.
   */
  async advance(electionId: string, actor: Actor): Promise<ShufflePhase> {
    for (;;) {
      const row = await this.records.get(electionId);
      const { state, phase: boardPhase } = await this.board.state(electionId);
      const phase = await this.phaseOf(row, state, boardPhase);
      if (!this.enabled || row.state !== 'tallied' || !phase.needed || phase.ended || !state?.nhCiphertexts)
        return phase;
      if (phase.next === null) {
        await this.board.appendInTransaction(electionId, 'EndShuffles', [], (append) =>
          this.store.transaction(async (tx) => {
            await append(tx);
            await auditElection(tx, row, actor, 'election.end-shuffles', {
              shuffles: state.shufflers.length,
              shufflers: state.shufflers.join(', '),
            });
          }),
        );
        continue;
      }
      const next = phase.shufflers.find((s) => s.owner === phase.next)!;
      if (next.kind !== 'server') return phase;
      await this.append(
        row,
        { id: 'server' },
        next.owner,
        serializeShuffle(shuffleCiphertexts(state.ctx, state.nhCiphertexts)),
      );
    }
  }
}
