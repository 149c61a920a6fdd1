/**
 * An election's own rules (issue 17) kept, sealed and applied: set while the election is a draft
 * (checked against its questions; a list breaking the required parity is refused, naming the list
 * and the position), sealed in the opening's transaction (the hash of the exact stored bytes, shown
 * with the other sealed hashes), refused afterwards (`SCR_RULES_SEALED`). Once the result is
 * published, the outcome is computed from the verified totals (election-rules.ts); an undecided seat
 * is settled by the statutes' step an admin records (older candidate, or the draw recomputable from
 * the final archive hash), audited. Also the election's opening listener (src/election/listeners.ts).
 */
import type { Clock } from '../core/clock.js';
import { sha256B64 } from '../core/hash.js';
import { type Actor, auditElection } from '../election/actor.js';
import type { ElectionOpeningListener } from '../election/listeners.js';
import { DomainError } from '../errors/catalogue.js';
import { weightFromJson } from '../protocol/tally.js';
import { storedQuestions, storedResult } from '../store/decode.js';
import type { ElectionRow, ElectionRulesJson, RulesAnswer, Settlement, Store } from '../store/store.js';
import {
  candidateLists,
  type RulesQuestion,
  rulesOutcome,
  rulesProblems,
  seatOutcome,
} from './election-rules.js';
import { describeParityRefusal } from './seats.js';
import { breakTie } from './tie-break.js';

export class ElectionRulesService implements ElectionOpeningListener {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private async election(electionId: string, store: Store = this.store): Promise<ElectionRow> {
    const row = await store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  /** Checks rules (decoded at the boundary) against the election's questions. */
  check(value: ElectionRulesJson, questions: readonly unknown[]): ElectionRulesJson {
    const problems = rulesProblems(value, questions);
    const parity = problems.flatMap((p) => (p.kind === 'parity' ? p.refusals : []));
    if (parity.length > 0)
      throw new DomainError('SCR_LIST_PARITY', {
        refusals: parity.map((r) => ({ ...r, problem: describeParityRefusal(r) })),
      });
    const invalid = problems.flatMap((p) => (p.kind === 'invalid' ? [p.problem] : []));
    if (invalid.length > 0) throw new DomainError('SCR_INVALID_RULES', { problems: invalid });
    return value;
  }

  /** Sets (replaces) the rules of a draft; refused once sealed. */
  async set(electionId: string, actor: Actor, value: ElectionRulesJson): Promise<RulesAnswer> {
    return this.store.transaction(async (tx) => {
      const row = await this.election(electionId, tx);
      const stored = await tx.electionRules.get(electionId);
      if (row.state !== 'draft' || stored?.sealedAt)
        throw new DomainError('SCR_RULES_SEALED', { state: row.state });
      const rules = this.check(value, storedQuestions(row));
      const rulesJson = JSON.stringify(rules);
      const saved = {
        electionId,
        rulesJson,
        rules,
        rulesHash: sha256B64(rulesJson),
        sealedAt: null,
        settlements: [],
        updatedAt: this.clock.now().toISOString(),
      };
      await tx.electionRules.save(saved);
      await auditElection(tx, row, actor, 'election.rules', {
        hash: saved.rulesHash,
        lists: rules.lists.length,
        questions: rules.questions.length,
      });
      return { rules, hash: saved.rulesHash, sealed: false, outcome: null };
    });
  }

  /** Rules that no longer fit the questions (changed after the rules) keep the election closed. */
  async checkOpening(row: ElectionRow): Promise<void> {
    const stored = await this.store.electionRules.get(row.id);
    if (stored) this.check(stored.rules, storedQuestions(row));
  }

  async electionOpening(tx: Store, row: ElectionRow, actor: Actor): Promise<void> {
    const stored = await tx.electionRules.get(row.id);
    if (!stored) return;
    await tx.electionRules.save({ ...stored, sealedAt: this.clock.now().toISOString() });
    await auditElection(tx, row, actor, 'election.rules-seal', { hash: stored.rulesHash });
  }

  /** The sealed hash, for the public summary (null without rules, or before opening). */
  async sealedHash(electionId: string): Promise<string | null> {
    const stored = await this.store.electionRules.get(electionId);
    return stored?.sealedAt ? stored.rulesHash : null;
  }

  /** The exact stored bytes (the file whose SHA-256 is the sealed hash), or undefined. */
  async rawRules(electionId: string): Promise<string | undefined> {
    return (await this.store.electionRules.get(electionId))?.rulesJson;
  }

  /** The rules, their hash and seal, and the outcome once the result is published. */
  async answer(row: ElectionRow): Promise<RulesAnswer> {
    const stored = await this.store.electionRules.get(row.id);
    if (!stored) return { rules: null, hash: null, sealed: false, outcome: null };
    const { rules } = stored;
    const outcome =
      row.state === 'published' && row.resultJson
        ? rulesOutcome(
            rules,
            storedQuestions(row),
            resultCounts(storedResult(row.resultJson)),
            await this.rollWeight(row.id),
            stored.settlements,
          )
        : null;
    return { rules, hash: stored.rulesHash, sealed: stored.sealedAt !== null, outcome };
  }

  private async rollWeight(electionId: string): Promise<bigint> {
    const voters = await this.store.voters.list(electionId);
    return voters.reduce((sum, v) => sum + BigInt(v.weight), 0n);
  }

  /**
   * Records how the statutes settled the undecided seats of a list question: `older-candidate` (the
   * tied lists' next candidates' birth dates) or `draw` (seeded by the final archive hash). The step
   * must settle every undecided seat; the settlement is audited and printed with the result.
   */
  async settle(
    electionId: string,
    actor: Actor,
    input: { question: number; step: Settlement['step'] },
  ): Promise<RulesAnswer> {
    const row = await this.election(electionId);
    const stored = await this.store.electionRules.get(electionId);
    if (!stored || row.state !== 'published' || !row.resultJson)
      throw new DomainError('SCR_NO_UNDECIDED_SEAT', { question: input.question });
    const rule = stored.rules.lists.find((l) => l.question === input.question);
    if (!rule || stored.settlements.some((s) => s.question === input.question))
      throw new DomainError('SCR_NO_UNDECIDED_SEAT', { question: input.question });
    const question = storedQuestions(row)[rule.question] as RulesQuestion;
    const counts = resultCounts(storedResult(row.resultJson))[rule.question] ?? [];
    const votes = question.blank ? counts.slice(1) : [...counts];
    const outcome = seatOutcome(rule, votes);
    if (!outcome.undecided) throw new DomainError('SCR_NO_UNDECIDED_SEAT', { question: input.question });
    const lists = candidateLists(rule.lists);
    const head = await this.store.board.head(electionId);
    if (!head) throw new Error(`published election ${electionId} without a board`);
    const context = `question ${rule.question + 1}, seat ${rule.seats - outcome.undecided.seats - outcome.vacant + 1}`;
    const tie = breakTie(
      outcome.undecided.lists.map((list) => ({
        position: list + 1,
        ...(lists[list]?.candidates[outcome.lists[list]!.seats]?.birthDate
          ? { birthDate: lists[list]!.candidates[outcome.lists[list]!.seats]!.birthDate! }
          : {}),
      })),
      outcome.undecided.seats,
      [input.step],
      { finalHash: head.hash, context },
    );
    if (tie.kind !== 'settled')
      throw new DomainError('SCR_INVALID_SETTLEMENT', {
        question: input.question,
        problem: `${input.step} leaves lists ${tie.tied.join(', ')} tied`,
      });
    const settlement: Settlement = {
      question: input.question,
      step: input.step,
      winners: [...tie.winners],
      draw: tie.draw && { ...tie.draw, ranking: [...tie.draw.ranking] },
      by: actor.id,
      at: this.clock.now().toISOString(),
    };
    await this.store.transaction(async (tx) => {
      const current = await tx.electionRules.get(electionId);
      if (!current || current.settlements.some((s) => s.question === input.question))
        throw new DomainError('SCR_NO_UNDECIDED_SEAT', { question: input.question });
      await tx.electionRules.save({
        ...current,
        settlements: [...current.settlements, settlement],
        updatedAt: settlement.at,
      });
      await auditElection(tx, row, actor, 'election.seat-settle', {
        question: input.question + 1,
        step: input.step,
        winners: settlement.winners.map((p) => rule.lists[p - 1]!.name).join(', '),
        seed: settlement.draw?.seed ?? null,
      });
    });
    return this.answer(row);
  }
}

/** The Belenios result's rows of counts (homomorphic questions), as bigints. */
export function resultCounts(result: readonly unknown[]): bigint[][] {
  return result.map((row) => (Array.isArray(row) ? row.map((value) => weightFromJson(value) ?? 0n) : []));
}

/**
 * The rules a consultation's boxes share: those of its online boxes, which must all carry the same
 * sealed hash (each box is set up with the same rules before opening); undefined when no box has
 * rules, or when they differ or are not all sealed (then no seat is computed, and the note says why).
 */
export async function sharedSealedRules(
  store: Store,
  electionIds: readonly string[],
): Promise<{ hash: string; rules: ElectionRulesJson } | { problem: string } | undefined> {
  const rows = await Promise.all(electionIds.map((id) => store.electionRules.get(id)));
  const present = rows.filter((r) => r !== undefined);
  if (present.length === 0) return undefined;
  const first = present[0]!;
  if (present.length !== rows.length || present.some((r) => r.rulesHash !== first.rulesHash))
    return { problem: 'the boxes do not all have the same rules: no seats are computed' };
  if (present.some((r) => r.sealedAt === null))
    return { problem: 'the rules are not sealed in every box yet' };
  return { hash: first.rulesHash, rules: first.rules };
}
