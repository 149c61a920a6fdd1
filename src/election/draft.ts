/**
 * An election's set-up while it is a draft (issue #3): its creation (alone, or from a template of
 * questions and calendar), questions, schedule, roll and trustees. Each change checks the state,
 * moves the election's version and leaves its audit entry in one transaction.
 */

import { DecodeError, decodeText, encode } from '../core/codec.js';
import { requireGroup } from '../core/group.js';
import { sha256B64 } from '../core/hash.js';
import { identityKey } from '../core/identity.js';
import { electionId, type OrganisationId } from '../core/ids.js';
import { DomainError } from '../errors/catalogue.js';
import { type Question, questionCodec, trusteePublicKeyCodec } from '../protocol/messages.js';
import { generateToken, generateTrusteeKey } from '../protocol/setup.js';
import { verifyTrusteePublicKey } from '../protocol/trustees.js';
import type { ElectionRow, Store, VoterRow } from '../store/store.js';
import { type Actor, auditElection, randomId } from './actor.js';
import { checkCsvText } from './csv-encoding.js';
import { parseQuestions } from './questions.js';
import type { ElectionRecords } from './records.js';
import { wrongState } from './refusals.js';
import { credentialsIssued } from './roll-state.js';
import { checkTimeZone, instant } from './schedule.js';
import { parseVoterRoll, type RollEntry } from './voter-roll.js';

/** The group of elections with ranked or graded questions (the one with an embedding, spec §5.2). */
export const NH_GROUP = 'RFC-3526-2048';

/** An import checked and ready to write (ElectionDraft.prepareImport). */
export type PreparedImport =
  | { readonly row: ElectionRow; readonly voters: VoterRow[] }
  | { readonly row: ElectionRow; readonly unchanged: VoterRow[] };

/** What a new election takes from a template (a consultation's boxes share one). */
export interface ElectionTemplate {
  readonly name: string;
  readonly description: string;
  readonly timeZone: string;
  readonly groupName: string;
  readonly questions: readonly Question[];
  readonly opensAt: string | null;
  readonly closesAt: string | null;
}

export class ElectionDraft {
  constructor(
    private readonly records: ElectionRecords,
    /** Ranked and graded questions accepted (issue 18; refused until the booth takes them). */
    private readonly nonHomomorphic = false,
  ) {}

  private get store(): Store {
    return this.records.store;
  }

  async create(
    organisationId: OrganisationId,
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
    const now = this.records.nowIso();
    const row: ElectionRow = {
      id: electionId(generateToken()),
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
    const row = await this.records.get(electionId);
    const current = requireGroup(row.groupName);
    // Ranked and graded answers are encoded in a group element (spec §4.11.2, §5.2): BELENIOS-2048
    // cannot, so such questions move a draft to RFC-3526-2048, as Belenios's web server does, while
    // nothing was made in the old group yet (trustee keys, public credentials).
    const needsEmbedding =
      this.nonHomomorphic &&
      !current.embedding &&
      Array.isArray(questions) &&
      questions.some((q) => typeof q === 'object' && q !== null && 'type' in q);
    const group = needsEmbedding ? requireGroup(NH_GROUP) : current;
    const parsed = parseQuestions(questions, group, { nonHomomorphic: this.nonHomomorphic });
    if (group !== current && row.state === 'draft') {
      const made =
        (await this.store.trustees.list(row.id)).length > 0 || (await credentialsIssued(this.store, row));
      if (made)
        throw new DomainError('SCR_INVALID_QUESTIONS', {
          problem: `ranked or graded questions need the ${NH_GROUP} group, and this election's trustee keys or credentials were already made in ${current.name}: create a new election for them`,
        });
    }
    return this.store.transaction(async (tx) => {
      const updated = await this.records.update(tx, row, ['draft'], {
        questionsJson: JSON.stringify(parsed.map((q) => questionCodec.toJson(q))),
        ...(group !== current ? { groupName: group.name } : {}),
      });
      await auditElection(tx, updated, actor, 'election.questions', {
        count: parsed.length,
        ...(group !== current ? { group: group.name } : {}),
      });
      return updated;
    });
  }

  async setSchedule(
    electionId: string,
    actor: Actor,
    schedule: { opensAt: string | null; closesAt: string | null; timeZone?: string },
  ) {
    const row = await this.records.get(electionId);
    if (schedule.timeZone) checkTimeZone(schedule.timeZone);
    const opensAt = schedule.opensAt && instant(schedule.opensAt);
    const closesAt = schedule.closesAt && instant(schedule.closesAt);
    if (opensAt && closesAt && opensAt >= closesAt)
      throw new DomainError('SCR_BAD_REQUEST', { problem: 'closing must be after opening' });
    return this.store.transaction(async (tx) => {
      const updated = await this.records.update(tx, row, ['draft'], {
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

  /**
   * A draft with the template's questions and calendar, in one transaction: its creation, questions
   * and schedule with their audit entries, and `also` (e.g. the creator's role), or nothing at all.
   */
  async createFromTemplate(
    organisationId: OrganisationId,
    actor: Actor,
    template: ElectionTemplate,
    also?: (tx: Store, row: ElectionRow) => Promise<void>,
  ): Promise<ElectionRow> {
    return this.store.transaction(async (tx) => {
      const draft = new ElectionDraft(this.records.within(tx), this.nonHomomorphic);
      const created = await draft.create(
        organisationId,
        actor,
        {
          name: template.name,
          description: template.description,
          timeZone: template.timeZone,
          groupName: template.groupName,
        },
        also,
      );
      await draft.setQuestions(
        created.id,
        actor,
        template.questions.map((q) => questionCodec.toJson(q)),
      );
      if (template.opensAt || template.closesAt)
        await draft.setSchedule(created.id, actor, {
          opensAt: template.opensAt,
          closesAt: template.closesAt,
        });
      return draft.records.get(created.id);
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
    const row = await this.records.get(electionId);
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
      ...(v.phone === undefined ? {} : { phone: v.phone }),
    }));
    return { row, voters };
  }

  async applyImport(actor: Actor, prepared: PreparedImport): Promise<VoterRow[] & { unchanged?: true }> {
    const { row } = prepared;
    if ('unchanged' in prepared) return Object.assign(prepared.unchanged, { unchanged: true as const });
    const { voters } = prepared;
    await this.store.transaction(async (tx) => {
      await tx.voters.replace(row.id, voters);
      await this.records.update(tx, row, ['draft'], {});
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
    await this.records.update(tx, current, ['draft'], {});
  }

  /** The weakest trustee mode, labelled as such: the server generates and holds the decryption key. */
  async useServerTrustee(electionId: string, actor: Actor): Promise<void> {
    const row = await this.records.get(electionId);
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
      await this.records.update(tx, row, ['draft'], {});
      await auditElection(tx, row, actor, 'trustee.server-key');
    });
  }

  /** An external `Single` trustee: the key pair was made on the trustee's side; only the public part comes here. */
  async addSingleTrustee(
    electionId: string,
    actor: Actor,
    input: { displayName: string; accountId: string | null; publicKey: string },
  ) {
    const row = await this.records.get(electionId);
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
      await this.records.update(tx, row, ['draft'], {});
      await auditElection(tx, row, actor, 'trustee.add', {
        displayName: input.displayName,
        fingerprint: sha256B64(input.publicKey.trim()),
      });
    });
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
    // The phone receives passwords and codes when secrets go by SMS: a re-import must not drop a
    // changed number silently ("unchanged"), nor reroute it.
    if ((next.phone ?? '') !== (voter.phone ?? '')) differences.push({ login: voter.login, change: 'phone' });
  }
  const known = new Set(current.map((v) => identityKey(v.login)));
  for (const next of imported)
    if (!known.has(identityKey(next.login))) differences.push({ login: next.login, change: 'added' });
  return differences;
}
