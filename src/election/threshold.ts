/**
 * Threshold ("Pedersen") trustees of an election in draft (spec §3.1.1, §4.6): the server S relays
 * the key-establishment messages between the m trustees of a group and checks each one as it
 * arrives — certificates (step 2), polynomials (step 3c), voutputs (step 5d) — computes each
 * trustee's vinput (step 4) and, once every voutput is in, the threshold parameters (step 6) that
 * open() puts in trustees.json. Trustees run steps 1, 3 and 5 on their side (`scrutin-tool setup
 * generate-trustee-key-threshold`, or belenios-tool) and keep their seed: nothing secret reaches the
 * server. What the server keeps for trustee j at the end is the private_key of vo_j, x_j sealed to
 * T_j itself (the `<id>.dkey` file), which it gives back only to T_j at tally time.
 *
 * The protocol state of a group is one TrusteeRow (kind 'pedersen') whose publicJson holds, per slot
 * (1-based, the spec's j), the account, the display name and the messages received so far. Every
 * message is write-once: a slot's contribution can be sent again identical (a retried request) but
 * never replaced, so a trustee who has built on it is never invalidated.
 *
 * Concurrent updates of that row are serialised per election inside this process; across processes
 * sharing one database, each update first bumps the election's version (so a concurrent open() or
 * setup change conflicts instead of racing) and then writes the row by compare-and-swap on its
 * previous content. A writer that lost either race re-reads and re-applies its message (messages
 * are write-once, so re-applying is safe), a few times before answering 409.
 */

import {
  array,
  type Codec,
  DecodeError,
  decodeText,
  encode,
  int,
  object,
  optional,
  string,
  type TypeOf,
} from '../core/codec.js';
import { requireGroup } from '../core/group.js';
import type { AccountId } from '../core/ids.js';
import type { AuditAction, AuditDetails, AuditDetailsArg } from '../errors/audit-actions.js';
import { DomainError } from '../errors/catalogue.js';
import {
  encryptedMsgCodec,
  type Polynomial,
  polynomialCodec,
  type SignedMsg,
  signedMsgCodec,
  type ThresholdParameters,
  thresholdParametersCodec,
  vinputCodec,
  voutputCodec,
} from '../protocol/messages.js';
import {
  checkCertificates,
  checkPolynomial,
  checkVoutput,
  makeThresholdParameters,
  makeVinputs,
} from '../protocol/threshold/key-establishment.js';
import { certId } from '../protocol/threshold/pki.js';
import type { ElectionRow, Store, TrusteeRow } from '../store/store.js';
import { type Actor, auditElection } from './actor.js';

/** Bounds on a group: owners go up to 1000 in the partial-decryption API. */
export const MAX_THRESHOLD_TRUSTEES = 50;

const slotCodec = object({
  accountId: string,
  displayName: string,
  /** Step 1 output, checked at step 2. */
  cert: optional(signedMsgCodec),
  /** Step 3 output, checked at step 3c. */
  polynomial: optional(polynomialCodec),
  /** Step 5 output, checked at step 5d; its private_key is this trustee's `.dkey`. */
  voutput: optional(voutputCodec),
});
type Slot = TypeOf<typeof slotCodec>;

/** What TrusteeRow.publicJson holds for a 'pedersen' row. */
export const thresholdStateCodec = object({
  /** t + 1: the number of trustees needed to decrypt. */
  threshold: int,
  trustees: array(slotCodec),
  /** Step 6 output, set once every voutput is in. */
  parameters: optional(thresholdParametersCodec),
});
export type ThresholdState = TypeOf<typeof thresholdStateCodec>;

/** Which messages the server waits for: the step the group is at. */
export type ThresholdStep = 'certificates' | 'polynomials' | 'voutputs' | 'done';

export function thresholdStep(state: ThresholdState): ThresholdStep {
  if (state.parameters) return 'done';
  if (state.trustees.some((t) => !t.cert)) return 'certificates';
  if (state.trustees.some((t) => !t.polynomial)) return 'polynomials';
  return 'voutputs';
}

const STEP_FIELD = { certificates: 'cert', polynomials: 'polynomial', voutputs: 'voutput' } as const;

/** 1-based slots that have not sent what the current step needs. */
function missingSlots(state: ThresholdState): number[] {
  const step = thresholdStep(state);
  if (step === 'done') return [];
  const field = STEP_FIELD[step];
  return state.trustees.flatMap((t, i) => (t[field] === undefined ? [i + 1] : []));
}

export function parseThresholdState(row: TrusteeRow): ThresholdState {
  if (row.kind !== 'pedersen' || row.publicJson === null)
    throw new Error(`trustee ${row.position} is not a threshold group`);
  return decodeText(thresholdStateCodec, row.publicJson, `trustees[${row.position}]`);
}

/** The Pedersen entry of trustees.json; only for a finished group (open() checks that first). */
export function pedersenParameters(row: TrusteeRow): ThresholdParameters {
  const { parameters } = parseThresholdState(row);
  if (!parameters) throw new Error(`threshold group at position ${row.position} is not finished`);
  return parameters;
}

/** Number of trustees (owners) a row stands for in the flattened list. */
function ownerCount(row: TrusteeRow): number {
  return row.kind === 'pedersen' ? parseThresholdState(row).trustees.length : 1;
}

/**
 * The account a trustee's key is bound to, by owner number (1-based over the flattened trustees
 * list): a Single trustee added with an account, or a slot of a threshold group. `null` for a key
 * bound to no account (an external trustee whose files the admin relays), undefined if no such owner.
 */
export function accountOfOwner(rows: readonly TrusteeRow[], owner: number): string | null | undefined {
  let base = 0;
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const count = ownerCount(row);
    if (owner <= base + count) {
      return row.kind === 'pedersen'
        ? (parseThresholdState(row).trustees[owner - base - 1]?.accountId ?? null)
        : row.accountId;
    }
    base += count;
  }
  return undefined;
}

/** Why the election cannot open yet because of its threshold groups (empty when all are finished). */
export function thresholdSetupProblems(rows: readonly TrusteeRow[]): string[] {
  return rows
    .filter((row) => row.kind === 'pedersen')
    .flatMap((row) => {
      const state = parseThresholdState(row);
      const step = thresholdStep(state);
      if (step === 'done') return [];
      const names = missingSlots(state).map((j) => state.trustees[j - 1]!.displayName);
      return [
        `threshold trustees: key establishment not finished (waiting for ${step} from ${names.join(', ')})`,
      ];
    });
}

export interface ThresholdStatus {
  readonly position: number;
  readonly group: string;
  readonly threshold: number;
  readonly step: ThresholdStep;
  /** Slots the current step waits for. */
  readonly missing: number[];
  readonly trustees: {
    readonly slot: number;
    /** The `owner` of this trustee's partial decryption (1-based over all trustees). */
    readonly owner: number;
    readonly displayName: string;
    /** belenios-tool's name for this trustee's files, once the certificate is in. */
    readonly id: string | null;
    readonly certificate: boolean;
    readonly polynomial: boolean;
    readonly voutput: boolean;
    /** Whether the viewer holds this slot. */
    readonly you: boolean;
  }[];
}

const line = (json: string) => `${json}\n`;

/** Parses one message as the tools write it (compact JSON, one trailing newline allowed). */
function parseMessage<T>(codec: Codec<T>, text: string, what: string): T {
  try {
    return decodeText(codec, text.trim(), what);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new DomainError('SCR_INVALID_TRUSTEE_DATA', { problem: error.message });
    throw error;
  }
}

/** The opaque encrypted parts must at least be encrypted messages (the recipient checks the rest). */
function checkSealed(texts: readonly string[], what: string): void {
  for (const [i, text] of texts.entries()) parseMessage(encryptedMsgCodec, text, `${what}[${i}]`);
}

/** Attempts of one update racing other processes before the caller gets 409. */
const CAS_TRIES = 5;

const invalid = (problem: string) => new DomainError('SCR_INVALID_TRUSTEE_DATA', { problem });

export class ThresholdService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly clock: { now(): Date },
  ) {}

  /**
   * Runs `fn` after every update of the same election queued before it by this process, again (on
   * fresh reads) when another process won a compare-and-swap meanwhile.
   */
  private serialise<T>(electionId: string, fn: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      for (let tries = 1; ; tries++) {
        try {
          return await fn();
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'SCR_CONFLICT') || tries >= CAS_TRIES)
            throw error;
        }
      }
    };
    const previous = this.queues.get(electionId) ?? Promise.resolve();
    const next = previous.then(attempt, attempt);
    const settled = next.catch(() => undefined);
    this.queues.set(electionId, settled);
    void settled.then(() => {
      if (this.queues.get(electionId) === settled) this.queues.delete(electionId);
    });
    return next;
  }

  private async election(electionId: string): Promise<ElectionRow> {
    const row = await this.store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  private async group(
    electionId: string,
  ): Promise<{ row: TrusteeRow; state: ThresholdState; ownerBase: number }> {
    const rows = await this.store.trustees.list(electionId);
    const index = rows.findIndex((r) => r.kind === 'pedersen');
    const row = rows[index];
    if (!row) throw new DomainError('SCR_NOT_FOUND', { problem: 'this election has no threshold trustees' });
    const ownerBase = rows.slice(0, index).reduce((sum, r) => sum + ownerCount(r), 0);
    return { row, state: parseThresholdState(row), ownerBase };
  }

  /**
   * Writes the new state: bumps the election's version first (draft only), so that open() or a
   * setup change running meanwhile conflicts rather than races. The version, the state, `also` (the
   * role grants of a declaration) and the audit entry commit together, or nothing does.
   */
  private async commit<A extends Extract<AuditAction, `trustee.threshold.${string}`>>(
    election: ElectionRow,
    row: TrusteeRow,
    state: ThresholdState,
    actor: Actor,
    action: A,
    details: AuditDetails<A>,
    also?: (tx: Store) => Promise<void>,
  ) {
    if (election.state !== 'draft')
      throw new DomainError('SCR_WRONG_STATE', { state: election.state, allowed: ['draft'] });
    await this.store.transaction(async (tx) => {
      const updated = await tx.elections.update(election.id, election.version, {
        updatedAt: this.clock.now().toISOString(),
      });
      if (!updated) throw new DomainError('SCR_CONFLICT');
      const written = await tx.trustees.swap(
        { ...row, publicJson: encode(thresholdStateCodec, state) },
        row.publicJson,
      );
      if (!written) throw new DomainError('SCR_CONFLICT');
      await also?.(tx);
      await auditElection(tx, election, actor, action, ...([details] as AuditDetailsArg<A>));
    });
  }

  /** The slot held by `actor`, or 403 (a trustee acts for their own slot only). */
  private slot(state: ThresholdState, slot: number, actor: Actor): Slot {
    const held = state.trustees[slot - 1];
    if (!held || held.accountId !== actor.id)
      throw new DomainError('SCR_FORBIDDEN', { problem: `slot ${slot} is not yours` });
    return held;
  }

  private requireStep(state: ThresholdState, expected: ThresholdStep): void {
    const step = thresholdStep(state);
    if (step !== expected) throw new DomainError('SCR_WRONG_STATE', { step, expected });
  }

  private requireDraft(election: ElectionRow): void {
    if (election.state !== 'draft')
      throw new DomainError('SCR_WRONG_STATE', { state: election.state, allowed: ['draft'] });
  }

  /** Admin: declares the group (accounts must exist) and grants each account the trustee role. */
  declare(
    electionId: string,
    actor: Actor,
    input: { threshold: number; trustees: { displayName: string; accountId: AccountId }[] },
  ): Promise<ThresholdStatus> {
    return this.serialise(electionId, async () => {
      const election = await this.election(electionId);
      this.requireDraft(election);
      const m = input.trustees.length;
      if (m < 2 || m > MAX_THRESHOLD_TRUSTEES)
        throw invalid(`a threshold group has 2 to ${MAX_THRESHOLD_TRUSTEES} trustees, got ${m}`);
      if (!Number.isSafeInteger(input.threshold) || input.threshold < 1 || input.threshold > m) {
        throw invalid(
          `the threshold (trustees needed to decrypt) must be between 1 and ${m}, got ${input.threshold}`,
        );
      }
      const seen = new Set<string>();
      for (const [i, trustee] of input.trustees.entries()) {
        if (seen.has(trustee.accountId)) throw invalid(`trustee ${i + 1}: the same account holds two slots`);
        seen.add(trustee.accountId);
        if (!(await this.store.accounts.getAccount(trustee.accountId)))
          throw invalid(`trustee ${i + 1}: no such account`);
      }
      const rows = await this.store.trustees.list(electionId);
      if (rows.some((r) => r.kind === 'pedersen'))
        throw new DomainError('SCR_WRONG_STATE', { problem: 'this election already has threshold trustees' });
      const row: TrusteeRow = {
        electionId,
        position: rows.length,
        kind: 'pedersen',
        accountId: null,
        displayName: `Threshold trustees (${input.threshold} of ${m} needed to decrypt)`,
        publicJson: null,
        serverPrivateKey: null,
      };
      const state: ThresholdState = {
        threshold: input.threshold,
        trustees: input.trustees.map((t) => ({ accountId: t.accountId, displayName: t.displayName })),
      };
      await this.commit(
        election,
        row,
        state,
        actor,
        'trustee.threshold.declare',
        { threshold: input.threshold, trustees: m },
        async (tx) => {
          for (const trustee of input.trustees)
            await tx.elections.addRole({ electionId, accountId: trustee.accountId, role: 'trustee' });
        },
      );
      return this.status(electionId, actor);
    });
  }

  /** Progress of the key establishment, for the admin, the trustees and the scrutineers. */
  async status(electionId: string, viewer: Actor): Promise<ThresholdStatus> {
    const election = await this.election(electionId);
    const { row, state, ownerBase } = await this.group(electionId);
    return {
      position: row.position,
      group: election.groupName,
      threshold: state.threshold,
      step: thresholdStep(state),
      missing: missingSlots(state),
      trustees: state.trustees.map((t, i) => ({
        slot: i + 1,
        owner: ownerBase + i + 1,
        displayName: t.displayName,
        id: t.cert ? certId(t.cert) : null,
        certificate: t.cert !== undefined,
        polynomial: t.polynomial !== undefined,
        voutput: t.voutput !== undefined,
        you: t.accountId === viewer.id,
      })),
    };
  }

  /** Step 2: a trustee's certificate, checked and compared with the others' keys. */
  submitCertificate(electionId: string, actor: Actor, slot: number, text: string): Promise<ThresholdStatus> {
    return this.serialise(electionId, async () => {
      const election = await this.election(electionId);
      this.requireDraft(election);
      const { row, state } = await this.group(electionId);
      const own = this.slot(state, slot, actor);
      if (own.cert) {
        // Sent again identical (a retried request): nothing to do; anything else would replace it.
        if (
          encode(signedMsgCodec, own.cert) ===
          encode(signedMsgCodec, parseMessage(signedMsgCodec, text, 'certificate'))
        )
          return this.status(electionId, actor);
        throw new DomainError('SCR_WRONG_STATE', { problem: 'your certificate is already registered' });
      }
      this.requireStep(state, 'certificates');
      const cert = parseMessage(signedMsgCodec, text, 'certificate');
      const group = requireGroup(election.groupName);
      const checked = checkCertificates(group, [cert]);
      if (!checked.ok) throw invalid(`certificate: ${checked.problem.replace(/^certificate 1 /, '')}`);
      const others = state.trustees.flatMap((t) => (t.cert ? [t.cert] : []));
      if (!checkCertificates(group, [...others, cert]).ok)
        throw invalid('certificate: another trustee has the same key');
      const next = withSlot(state, slot, { cert });
      await this.commit(election, row, next, actor, 'trustee.threshold.certificate', {
        slot,
        id: certId(cert),
      });
      return this.status(electionId, actor);
    });
  }

  /** All certificates, one per line (the `--certs` file), once every trustee has sent theirs. */
  async certificates(electionId: string): Promise<string> {
    const { state } = await this.group(electionId);
    if (thresholdStep(state) === 'certificates')
      throw new DomainError('SCR_WRONG_STATE', { step: 'certificates', missing: missingSlots(state) });
    return certificatesOf(state)
      .map((c) => line(encode(signedMsgCodec, c)))
      .join('');
  }

  /** Step 3c: a trustee's polynomial, checked against its certificate and the group's threshold. */
  submitPolynomial(electionId: string, actor: Actor, slot: number, text: string): Promise<ThresholdStatus> {
    return this.serialise(electionId, async () => {
      const election = await this.election(electionId);
      this.requireDraft(election);
      const { row, state } = await this.group(electionId);
      const own = this.slot(state, slot, actor);
      if (own.polynomial) {
        // Sent again identical (a retried request): nothing to do; anything else would replace it.
        if (
          encode(polynomialCodec, own.polynomial) ===
          encode(polynomialCodec, parseMessage(polynomialCodec, text, 'polynomial'))
        )
          return this.status(electionId, actor);
        throw new DomainError('SCR_WRONG_STATE', { problem: 'your polynomial is already registered' });
      }
      this.requireStep(state, 'polynomials');
      const polynomial = parseMessage(polynomialCodec, text, 'polynomial');
      checkSealed([polynomial.polynomial, ...polynomial.secrets], 'polynomial');
      const group = requireGroup(election.groupName);
      const checked = checkPolynomial(group, certificatesOf(state), slot, polynomial);
      if (!checked.ok) throw invalid(checked.problem);
      if (checked.coefexps.length !== state.threshold) {
        throw invalid(
          `polynomial has ${checked.coefexps.length} coefficients; this group needs ${state.threshold} (the threshold)`,
        );
      }
      const next = withSlot(state, slot, { polynomial });
      await this.commit(election, row, next, actor, 'trustee.threshold.polynomial', { slot });
      return this.status(electionId, actor);
    });
  }

  /** Step 4: the vinput of `slot` (its `<id>.vinput` file), for that trustee only. */
  async vinput(electionId: string, actor: Actor, slot: number): Promise<{ id: string; vinput: string }> {
    const election = await this.election(electionId);
    const { state } = await this.group(electionId);
    this.slot(state, slot, actor);
    const step = thresholdStep(state);
    if (step !== 'voutputs' && step !== 'done')
      throw new DomainError('SCR_WRONG_STATE', { step, expected: 'voutputs', missing: missingSlots(state) });
    const certs = certificatesOf(state);
    const made = makeVinputs(requireGroup(election.groupName), certs, polynomialsOf(state));
    if (!made.ok) throw new Error(`vinputs of checked polynomials: ${made.problem}`);
    return { id: certId(certs[slot - 1]!), vinput: line(encode(vinputCodec, made.vinputs[slot - 1]!)) };
  }

  /** Step 5d, and step 6 when it is the last one: the group's parameters. */
  submitVoutput(electionId: string, actor: Actor, slot: number, text: string): Promise<ThresholdStatus> {
    return this.serialise(electionId, async () => {
      const election = await this.election(electionId);
      this.requireDraft(election);
      const { row, state } = await this.group(electionId);
      const own = this.slot(state, slot, actor);
      if (own.voutput) {
        // Sent again identical (a retried request): nothing to do; anything else would replace it.
        if (
          encode(voutputCodec, own.voutput) ===
          encode(voutputCodec, parseMessage(voutputCodec, text, 'voutput'))
        )
          return this.status(electionId, actor);
        throw new DomainError('SCR_WRONG_STATE', { problem: 'your voutput is already registered' });
      }
      this.requireStep(state, 'voutputs');
      const voutput = parseMessage(voutputCodec, text, 'voutput');
      checkSealed([voutput.private_key], 'voutput.private_key');
      const group = requireGroup(election.groupName);
      const certs = certificatesOf(state);
      const polynomials = polynomialsOf(state);
      const checked = checkVoutput(group, certs, polynomials, slot, voutput);
      if (!checked.ok) throw invalid(checked.problem);
      const next = withSlot(state, slot, { voutput });
      let details: AuditDetails<'trustee.threshold.voutput'> = { slot };
      if (next.trustees.every((t) => t.voutput)) {
        const made = makeThresholdParameters(
          group,
          certs,
          polynomials,
          next.trustees.map((t) => t.voutput!),
        );
        if (!made.ok) throw invalid(made.problem);
        next.parameters = made.parameters;
        details = { ...details, complete: true };
      }
      await this.commit(election, row, next, actor, 'trustee.threshold.voutput', details);
      return this.status(electionId, actor);
    });
  }

  /**
   * The private_key of vo_slot: x_j sealed by T_j to itself (the `<id>.dkey` file). Only T_j can
   * open it, and only T_j is given it.
   */
  async decryptionKey(
    electionId: string,
    actor: Actor,
    slot: number,
  ): Promise<{ id: string; decryptionKey: string }> {
    const { state } = await this.group(electionId);
    const own = this.slot(state, slot, actor);
    const step = thresholdStep(state);
    if (step !== 'done')
      throw new DomainError('SCR_WRONG_STATE', { step, expected: 'done', missing: missingSlots(state) });
    return { id: certId(own.cert!), decryptionKey: line(own.voutput!.private_key) };
  }
}

function withSlot(
  state: ThresholdState,
  slot: number,
  patch: Partial<Pick<Slot, 'cert' | 'polynomial' | 'voutput'>>,
): ThresholdState {
  return { ...state, trustees: state.trustees.map((t, i) => (i === slot - 1 ? { ...t, ...patch } : t)) };
}

function certificatesOf(state: ThresholdState): SignedMsg[] {
  return state.trustees.map((t, i) => {
    if (!t.cert) throw new Error(`certificate ${i + 1} missing`);
    return t.cert;
  });
}

function polynomialsOf(state: ThresholdState): Polynomial[] {
  return state.trustees.map((t, i) => {
    if (!t.polynomial) throw new Error(`polynomial ${i + 1} missing`);
    return t.polynomial;
  });
}
