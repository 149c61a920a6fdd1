/**
 * Consultations (issue #6): a named group of ballot boxes on the same questions and calendar in one
 * organisation — e.g. one box per federation — each online box an ordinary election of the
 * ElectionService (its own roll, trustees, board and result). The consolidated result adds the
 * boxes' *verified* results: each box's archive is replayed by the auditor's verifier (ballots
 * checked by the server's worker pool) before its figures count. Paper boxes carry totals entered by
 * a named person with the report's SHA-256, and are marked as not cryptographically verifiable.
 * Annulling a box excludes it (with its reason shown); a re-run box replaces it. When every box is
 * published or annulled and the round rule calls for a second round, the next consultation is
 * prepared in draft: qualified candidates, same rolls, same trustees where possible.
 *
 * Who may act is the HTTP layer's job (org admins manage; see routes/consultations.ts).
 */

import { Buffer } from 'node:buffer';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../core/clock.js';
import {
  accountId,
  type BoxId,
  boxId,
  type ConsultationId,
  consultationId,
  type ElectionId,
  type OrganisationId,
} from '../core/ids.js';
import { meaningfulReason } from '../core/reason.js';
import {
  type DeliveryContext,
  deliverySettings,
  queueAnnulmentNotices,
  queueingIn,
  saveDeliverySettings,
} from '../delivery/index.js';
import { type Actor, auditElection } from '../election/actor.js';
import { checkCsvText } from '../election/csv-encoding.js';
import type { ElectionOutcomeListener } from '../election/listeners.js';
import { assertRoleSeparation } from '../election/role-separation.js';
import { grantElectionRole, revokeElectionRole } from '../election/roles.js';
import { publicLogin, rollChangesAfterCredentials } from '../election/roll-state.js';
import type { ElectionService, PreparedImport } from '../election/service.js';
import { describeInherited } from '../election/setup-copy.js';
import { parseThresholdState } from '../election/threshold.js';
import type { AuditAction, AuditDetails, AuditDetailsArg } from '../errors/audit-actions.js';
import { DomainError } from '../errors/catalogue.js';
import { questionCodec } from '../protocol/messages.js';
import { generateToken } from '../protocol/setup.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import { auditEntry } from '../store/audit-chain.js';
import type { BoxRow, ConsultationRow } from '../store/consultations/repository.js';
import { decodeStored, HomomorphicQuestionSchema } from '../store/decode.js';
import { UniqueViolation } from '../store/errors.js';
import type { ElectionRow, Store } from '../store/store.js';
import { createBoxElection, newBox } from './box-setup.js';
import {
  type BoxInput,
  type ConsolidationReport,
  consolidate,
  type KeyHolder,
  type ProxyFigures,
} from './consolidation.js';
import { checkCreation } from './consultation-creation.js';
import {
  type BoxSettingsNow,
  type ConsultationSettings,
  ConsultationSettingsSchema,
  DEFAULT_CONSULTATION_SETTINGS,
  planBox,
  settingsProblem,
} from './consultation-settings.js';
import type { ConsultationTemplate, CreateConsultationInput, PaperBoxInput } from './consultation-types.js';
import { consolidatedRules } from './election-rules.js';
import { sharedSealedRules } from './election-rules-service.js';
import { splitFederationRoll } from './federation-roll.js';
import { figuresFromJson, figuresToJson, questionsKey } from './figures.js';
import { checkPaperBox } from './paper-box.js';
import type { RoundRule } from './rules.js';
import { type VerifiedBox, verifyBoxArchive } from './verified-box.js';

/** The template every box of a consultation is made from, as stored (consultations.template_json). */
const TemplateSchema = Type.Object({
  groupName: Type.String(),
  timeZone: Type.String(),
  opensAt: Type.Union([Type.String(), Type.Null()]),
  closesAt: Type.Union([Type.String(), Type.Null()]),
  questions: Type.Array(HomomorphicQuestionSchema),
  settings: Type.Optional(ConsultationSettingsSchema),
});

/** A consultation's round rule, as stored (consultations.rule_json). */
const RuleSchema = Type.Object({
  question: Type.Integer(),
  qualifying: Type.Integer(),
  majorityPercent: Type.Union([Type.Number(), Type.Null()]),
  minimumPercent: Type.Union([Type.Number(), Type.Null()]),
  blankVotes: Type.Union([Type.Literal('counted'), Type.Literal('excluded')]),
});

export type AdvanceStep = 'open' | 'close' | 'tally' | 'publish';

/** The audit actions of a consultation (their entries name it, and no election). */
type ConsultationAction = Extract<AuditAction, `consultation.${string}`>;

/**
 * Also the election's outcome listener (src/election/listeners.ts), wired by the composition root
 * (src/app/services.ts): an election annulled from its own page annuls its box (same reason, who and
 * when, in the same transaction), and a publication settles the round (a runoff is prepared by the
 * publication that completes the round, not by whoever reads the consultation next).
 */
export class ConsultationService implements ElectionOutcomeListener {
  /** Verified archives by election and final event hash: a published board never changes. */
  private readonly verified = new Map<
    string,
    Promise<{ ok: true; box: VerifiedBox } | { ok: false; problem: string }>
  >();

  constructor(
    private readonly store: Store,
    private readonly elections: ElectionService,
    private readonly clock: Clock,
    private readonly checker: BallotBatchChecker,
    /** Where voters' notices are queued (absent: none is sent, as in tests of the rules alone). */
    private readonly delivery?: DeliveryContext,
  ) {}

  /**
   * In the election's annulment transaction `tx`: its box is annulled with it, unless the annulment
   * came from `annulBox`, which recorded the box itself in that transaction.
   */
  async electionAnnulled(tx: Store, election: ElectionRow, actor: Actor): Promise<void> {
    const box = await tx.consultations.boxOfElection(election.id);
    if (!box || box.annulReason !== null) return;
    const row = await tx.consultations.get(box.consultationId);
    if (!row) return;
    await this.recordAnnulment(tx, row, box, actor, election.annulReason ?? '', election.updatedAt);
  }

  async electionPublished(election: ElectionRow, actor: Actor): Promise<void> {
    const box = await this.store.consultations.boxOfElection(election.id);
    if (!box) return;
    try {
      await this.settle(box.consultationId, actor);
    } catch (error) {
      // The publication itself is done and acknowledged; reading the consultation resumes the preparation.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  /**
   * The one record of a box's annulment (its election, if annulled, carries the same reason), with
   * its entry, through `tx`; the box as annulled, or undefined when it already was.
   */
  private async recordAnnulment(
    tx: Store,
    row: ConsultationRow,
    box: BoxRow,
    actor: Actor,
    reason: string,
    at: string,
  ): Promise<BoxRow | undefined> {
    return tx.transaction(async (tx) => {
      if (!(await tx.consultations.annulBox(box.id, { reason, at, by: actor.id }))) return undefined;
      await this.audit(tx, row, actor, 'consultation.box-annul', { box: box.id, label: box.label, reason });
      return { ...box, annulReason: reason, annulledAt: at, annulledBy: actor.id };
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Through `tx`, the transaction of the change it records (see Store.transaction). */
  private audit<A extends ConsultationAction>(
    tx: Store,
    row: ConsultationRow,
    actor: Actor,
    action: A,
    details: Omit<AuditDetails<A>, 'consultation'>,
  ) {
    const all = [{ consultation: row.id, ...details }] as AuditDetailsArg<A>;
    return tx.audit.append(
      auditEntry({ organisationId: row.organisationId, electionId: null, actor: actor.id }, action, ...all),
    );
  }

  async get(id: ConsultationId): Promise<ConsultationRow> {
    const row = await this.store.consultations.get(id);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  template(row: ConsultationRow): ConsultationTemplate {
    return decodeStored(TemplateSchema, 'consultations.template_json', row.templateJson);
  }

  rule(row: ConsultationRow): RoundRule | null {
    return row.ruleJson === null ? null : decodeStored(RuleSchema, 'consultations.rule_json', row.ruleJson);
  }

  /**
   * The boxes, each online box's annulment read from its election when the box row missed it (an
   * election annulled before this hook existed, or a crash between the two writes): one annulment.
   */
  async boxes(id: ConsultationId): Promise<BoxRow[]> {
    const boxes = await this.store.consultations.boxes(id);
    return Promise.all(
      boxes.map(async (box) => {
        if (box.annulReason !== null || !box.electionId) return box;
        const election = await this.store.elections.get(box.electionId);
        if (election?.state !== 'annulled') return box;
        const annulment = { reason: election.annulReason ?? '', at: election.updatedAt, by: 'election' };
        await this.store.consultations.annulBox(box.id, annulment);
        return { ...box, annulReason: annulment.reason, annulledAt: annulment.at, annulledBy: annulment.by };
      }),
    );
  }

  async box(id: ConsultationId, boxId: BoxId): Promise<BoxRow> {
    const box = (await this.boxes(id)).find((b) => b.id === boxId);
    if (!box) throw new DomainError('SCR_NOT_FOUND', { problem: 'no such box in this consultation' });
    return box;
  }

  async create(
    organisationId: OrganisationId,
    actor: Actor,
    input: CreateConsultationInput,
  ): Promise<ConsultationRow> {
    const { group, questions, rule, labels } = checkCreation(input);
    const template: ConsultationTemplate = {
      groupName: group.name,
      timeZone: input.timeZone,
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      questions,
    };
    const row: ConsultationRow = {
      id: consultationId(generateToken()),
      organisationId,
      name: input.name,
      description: input.description,
      round: 1,
      templateJson: JSON.stringify(template),
      ruleJson: rule && JSON.stringify(rule),
      previousId: null,
      createdBy: actor.id,
      createdAt: this.now(),
    };
    // One transaction: the consultation, its boxes and their elections, or nothing.
    await this.store.transaction(async (tx) => {
      const elections = this.elections.within(tx);
      const boxes: BoxRow[] = [];
      for (const [position, label] of labels.entries()) {
        const election = await createBoxElection(elections, row, template, label, actor);
        if (input.serverTrustee) await elections.useServerTrustee(election.id, actor);
        for (const trustee of input.trustees ?? [])
          await elections.addSingleTrustee(election.id, actor, { ...trustee, accountId: null });
        boxes.push(newBox(row.id, position, label, 'online', election.id, this.now()));
      }
      await tx.consultations.create(row, boxes);
      await this.audit(tx, row, actor, 'consultation.create', {
        name: row.name,
        boxes: boxes.length,
        round: 1,
      });
    });
    return row;
  }

  /**
   * One CSV for the whole consultation: `federation,email,login,weight,name[,language]` per line (a
   * header line starting with "federation" is skipped). Lines are split by federation (a box label)
   * and each part checked as a voter roll; any problem, with its line number in the whole file,
   * and nothing is imported. Every box must still be a draft.
   */
  async importVoters(
    id: ConsultationId,
    actor: Actor,
    csv: string,
  ): Promise<{ imported: Record<string, number> }> {
    const row = await this.get(id);
    const boxes = (await this.boxes(id)).filter((b) => b.channel === 'online' && !b.annulReason);
    for (const box of boxes) {
      const election = await this.elections.get(box.electionId!);
      if (election.state !== 'draft')
        throw new DomainError('SCR_WRONG_STATE', {
          problem: `box ${box.label} is ${election.state}, not draft`,
        });
    }
    const roll = splitFederationRoll(
      checkCsvText(csv),
      boxes.map((b) => b.label),
    );
    if (!roll.ok) throw new DomainError('SCR_INVALID_VOTERS', { problems: roll.problems });
    const imported: Record<string, number> = {};
    // Every box is checked before any is written: a box whose credentials were issued refuses a
    // changed roll (issue 15), and then no box changes. Voters without a language get their box's
    // default language.
    const prepared: { box: BoxRow; ready: PreparedImport }[] = [];
    for (const box of boxes) {
      const part = roll.parts.get(box.label);
      // A federation absent from the file keeps its roll.
      if (part === undefined) continue;
      const ready = await this.elections.prepareImport(box.electionId!, part).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'SCR_ROLL_LOCKED')
          throw new DomainError('SCR_ROLL_LOCKED', { box: box.label, ...(error.detail as object) });
        throw error;
      });
      prepared.push({ box, ready });
    }
    // Every box's roll with its own entry (ElectionService.applyImport) and the entry summing them up
    // commit together.
    await this.store.transaction(async (tx) => {
      const elections = this.elections.within(tx);
      for (const { box, ready } of prepared) {
        const voters = await elections.applyImport(actor, ready);
        imported[box.label] = voters.length;
      }
      await this.audit(tx, row, actor, 'consultation.voters', {
        count: Object.values(imported).reduce((a, b) => a + b, 0),
      });
    });
    return { imported };
  }

  /** The consultation-wide settings (the defaults until first set). */
  settings(row: ConsultationRow): ConsultationSettings {
    const stored = this.template(row).settings ?? DEFAULT_CONSULTATION_SETTINGS;
    // Saved before the channel was one of them: mail.
    return { ...stored, secretChannel: stored.secretChannel ?? 'email' };
  }

  /**
   * Sets the consultation-wide settings and applies them to every online box that is not annulled,
   * in one transaction with every box's own entries and the consultation's: each field moves on a
   * box only where the box still has the previous consultation-wide value (an override is kept, and
   * reported). The officer and scrutineers must be people of the organisation; the officer may not
   * administer a box (role separation, checked on every box before anything is written). A request
   * that does not name the channel keeps the one chosen. A scrutineer taken off the list loses the
   * role on each draft box (one entry per box).
   */
  async saveSettings(
    id: ConsultationId,
    actor: Actor,
    requested: ConsultationSettings,
  ): Promise<{
    settings: ConsultationSettings;
    boxes: { id: string; label: string; changed: boolean; kept: string[] }[];
  }> {
    const row = await this.get(id);
    const template = this.template(row);
    const previous = this.settings(row);
    const settings = { ...requested, secretChannel: requested.secretChannel ?? previous.secretChannel };
    const problem = settingsProblem(settings);
    if (problem) throw new DomainError('SCR_BAD_REQUEST', { problem });
    const people = await this.people(row.organisationId);
    for (const accountId of [...settings.scrutineers, ...(settings.officer ? [settings.officer] : [])])
      if (!people.has(accountId))
        throw new DomainError('SCR_NOT_FOUND', { problem: 'no such person in this organisation' });
    const boxes = (await this.boxes(id)).filter((b) => b.channel === 'online' && b.annulReason === null);
    return this.store.transaction(async (tx) => {
      await tx.consultations.updateTemplate(id, JSON.stringify({ ...template, settings }));
      const report: { id: string; label: string; changed: boolean; kept: string[] }[] = [];
      for (const box of boxes) {
        const election = await tx.elections.get(box.electionId!);
        if (!election) continue;
        const plan = planBox(previous, settings, await this.boxSettingsNow(tx, election));
        for (const grant of plan.grants) {
          await assertRoleSeparation(tx, grant.accountId, election, grant.role);
          const person = { id: accountId(grant.accountId), displayName: people.get(grant.accountId)! };
          await grantElectionRole(tx, election, actor, person, grant.role);
        }
        for (const revoke of plan.revokes) {
          const person = {
            id: accountId(revoke.accountId),
            displayName: people.get(revoke.accountId) ?? revoke.accountId,
          };
          await revokeElectionRole(tx, election, actor, person, revoke.role, 'consultation');
        }
        if (plan.delivery) await saveDeliverySettings(tx, election.id, actor.id, plan.delivery);
        if (plan.noRecovery) {
          await tx.recovery.saveSettings({
            electionId: election.id,
            mode: 'none',
            officerAccountId: null,
            officerKeyJson: null,
            decidedBy: actor.id,
            decidedAt: this.now(),
          });
          await auditElection(tx, election, actor, 'recovery.none', { reason: 'consultation' });
        }
        const changed =
          plan.delivery !== null || plan.grants.length > 0 || plan.revokes.length > 0 || plan.noRecovery;
        report.push({ id: box.id, label: box.label, changed, kept: [...plan.kept] });
      }
      await this.audit(tx, row, actor, 'consultation.settings', {
        recovery: settings.recovery ?? 'not chosen',
        officer: settings.officer,
        loginMode: settings.loginMode,
        passwordDelaySeconds: settings.passwordDelaySeconds,
        helpContact: settings.helpContact,
        defaultLanguage: settings.defaultLanguage,
        secretChannel: settings.secretChannel,
        scrutineers: settings.scrutineers.length,
        boxes: report.filter((b) => b.changed).length,
        overrides: report.filter((b) => b.kept.length > 0).length,
      });
      return { settings, boxes: report };
    });
  }

  /** The organisation's people by account id, with their display names: its members and role holders. */
  private async people(organisationId: OrganisationId): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const m of await this.store.accounts.listOrganisationMembers(organisationId)) ids.add(m.accountId);
    for (const election of await this.store.elections.list(organisationId))
      for (const grant of await this.store.elections.listRoles(election.id)) ids.add(grant.accountId);
    const people = new Map<string, string>();
    for (const accountId of ids) {
      const account = await this.store.accounts.getAccount(accountId);
      if (account) people.set(accountId, account.displayName);
    }
    return people;
  }

  private async boxSettingsNow(tx: Store, election: ElectionRow): Promise<BoxSettingsNow> {
    const roles = await tx.elections.listRoles(election.id);
    const holders = (role: string) => new Set(roles.filter((r) => r.role === role).map((r) => r.accountId));
    const voters = await tx.voters.list(election.id);
    return {
      state: election.state,
      credentialsIssued: voters.some((v) => v.publicCredential !== null),
      credentialMode: election.credentialMode,
      delivery: await deliverySettings(tx, election.id),
      recovery: (await tx.recovery.getSettings(election.id))?.mode ?? 'undecided',
      scrutineers: holders('scrutineer'),
      credentialAuthorities: holders('credential-authority'),
    };
  }

  /** Records the annulment of a box (and annuls its election when it is not published yet). */
  async annulBox(id: ConsultationId, boxId: BoxId, actor: Actor, reason: string): Promise<BoxRow> {
    const row = await this.get(id);
    const box = await this.box(id, boxId);
    const trimmed = meaningfulReason(reason);
    if (trimmed === undefined)
      throw new DomainError('SCR_BAD_REQUEST', { problem: 'give the reason for the annulment' });
    if (box.annulReason !== null)
      throw new DomainError('SCR_WRONG_STATE', { problem: 'this box is already annulled' });
    const already = () => new DomainError('SCR_WRONG_STATE', { problem: 'this box is already annulled' });
    if (box.electionId) {
      const election = await this.elections.get(box.electionId);
      // Not published yet: the election is annulled, and the box recorded here in its transaction
      // (the outcome listener then finds the box annulled and leaves it).
      if (election.state !== 'published') {
        let annulled: BoxRow | undefined;
        await this.elections.annul(box.electionId, actor, trimmed, async (tx, election) => {
          annulled = await this.recordAnnulment(tx, row, box, actor, trimmed, election.updatedAt);
          if (!annulled) throw already();
        });
        return annulled!;
      }
    }
    const annulled = await this.recordAnnulment(this.store, row, box, actor, trimmed, this.now());
    if (!annulled) throw already();
    return annulled;
  }

  private async replaceable(id: ConsultationId, boxId: BoxId): Promise<BoxRow> {
    const box = await this.box(id, boxId);
    if (box.annulReason === null)
      throw new DomainError('SCR_WRONG_STATE', { problem: 'only an annulled box can be re-run' });
    if ((await this.boxes(id)).some((b) => b.replacesId === box.id))
      throw new DomainError('SCR_WRONG_STATE', { problem: 'this box already has a re-run' });
    return box;
  }

  /**
   * A new online box for an annulled one: same label and questions, its roll and trustees copied. One
   * transaction: the new election with its whole set-up, the box and its entry, or nothing at all.
   */
  async rerunBox(id: ConsultationId, boxId: BoxId, actor: Actor): Promise<BoxRow> {
    const row = await this.get(id);
    const annulled = await this.replaceable(id, boxId);
    const rerun = await this.store.transaction(async (tx) => {
      const elections = this.elections.within(tx);
      const election = await createBoxElection(elections, row, this.template(row), annulled.label, actor);
      const inherited = annulled.electionId
        ? await elections.copySetup(annulled.electionId, election.id, actor)
        : undefined;
      const box = await this.addBox(tx, {
        ...newBox(id, 0, annulled.label, 'online', election.id, this.now()),
        replacesId: annulled.id,
      });
      // The entry names the box and election it replaces and what the re-run inherited from it.
      await this.audit(tx, row, actor, 'consultation.box-rerun', {
        box: box.id,
        replaces: annulled.id,
        label: box.label,
        ...(annulled.electionId ? { replacesElection: annulled.electionId } : {}),
        inherited: inherited ? describeInherited(inherited) : 'nothing (the annulled box was on paper)',
      });
      // Issue 16: the annulled box's voters are told why, and where the re-run is voted, with it.
      if (this.delivery && annulled.electionId)
        await queueAnnulmentNotices(queueingIn(this.delivery, tx), annulled.electionId, {
          reason: annulled.annulReason ?? '',
          at: annulled.annulledAt ?? this.now(),
          rerunElectionId: election.id,
        });
      return box;
    });
    this.delivery?.wake?.();
    return rerun;
  }

  private async addBox(store: Store, box: BoxRow): Promise<BoxRow> {
    try {
      const { position: _position, ...rest } = box;
      return await store.consultations.addBox(rest);
    } catch (error) {
      if (error instanceof UniqueViolation)
        throw new DomainError('SCR_CONFLICT', { problem: 'someone else changed the boxes at the same time' });
      throw error;
    }
  }

  /** A box counted elsewhere: totals entered by a named person, with the report's name and SHA-256. */
  async addPaperBox(id: ConsultationId, actor: Actor, input: PaperBoxInput): Promise<BoxRow> {
    const row = await this.get(id);
    const template = this.template(row);
    const { label, figures, report } = checkPaperBox(input, template);
    let replaces: BoxRow | undefined;
    if (input.replaces) replaces = await this.replaceable(id, boxId(input.replaces));
    else if ((await this.consolidation(id)).complete)
      throw new DomainError('SCR_WRONG_STATE', {
        problem: 'the consultation is complete: only a re-run of an annulled box can be added',
      });
    if (!replaces && (await this.boxes(id)).some((b) => b.label === label && !b.annulReason))
      throw new DomainError('SCR_INVALID_PAPER_BOX', { problem: `a box is already labelled "${label}"` });
    const box = await this.store.transaction(async (tx) => {
      const box = await this.addBox(tx, {
        ...newBox(id, 0, label, 'paper', null, this.now()),
        replacesId: replaces?.id ?? null,
        paperJson: JSON.stringify(figuresToJson(figures)),
        enteredBy: input.enteredBy.trim(),
        enteredAt: this.now(),
        reportName: report.fileName,
        reportSha256: report.sha256,
        reportBase64: report.base64,
      });
      await this.audit(tx, row, actor, 'consultation.box-paper', {
        box: box.id,
        label,
        enteredBy: box.enteredBy,
        reportSha256: report.sha256,
        replaces: replaces?.id ?? null,
      });
      return box;
    });
    await this.settle(id, actor);
    return box;
  }

  /**
   * Moves every online box that can take `step` (open, close, tally, publish) and is not annulled;
   * boxes in another state are left alone. After publication the round is settled.
   */
  async advance(
    id: ConsultationId,
    actor: Actor,
    step: AdvanceStep,
  ): Promise<{ moved: string[]; refused: { box: string; label: string; code: string; detail: unknown }[] }> {
    const row = await this.get(id);
    const from: Record<AdvanceStep, ElectionRow['state']> = {
      open: 'draft',
      close: 'open',
      tally: 'closed',
      publish: 'tallied',
    };
    const moved: string[] = [];
    // A box that is not ready (e.g. no credentials yet) is reported and the others still move.
    const refused: { box: string; label: string; code: string; detail: unknown }[] = [];
    let firstError: DomainError | undefined;
    for (const box of await this.boxes(id)) {
      if (box.channel !== 'online' || box.annulReason !== null) continue;
      const election = await this.elections.get(box.electionId!);
      if (election.state !== from[step]) continue;
      try {
        await this.elections[step](election.id, actor);
        moved.push(box.id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        firstError ??= error;
        refused.push({ box: box.id, label: box.label, code: error.code, detail: error.detail ?? null });
      }
    }
    if (moved.length === 0 && firstError)
      throw new DomainError(firstError.code, { problem: `no box moved by "${step}"`, refused });
    if (moved.length === 0)
      throw new DomainError('SCR_WRONG_STATE', { problem: `no box can be moved by "${step}"` });
    // Each box moved with its own entry (ElectionService); this one only sums them up.
    await this.audit(this.store, row, actor, `consultation.${step}`, {
      boxes: moved.length,
      refused: refused.length,
    });
    // Each publication settled the round already (electionPublished); this is idempotent.
    if (step === 'publish') await this.settle(id, actor);
    return { moved, refused };
  }

  private verifiedArchive(election: ElectionRow, head: { hash: string }) {
    const key = `${election.id}:${head.hash}`;
    let cached = this.verified.get(key);
    if (!cached) {
      cached = this.elections.board
        .archive(election.id, election.archiveTimestamp!)
        .then((bytes) => verifyBoxArchive(bytes, this.checker));
      this.verified.set(key, cached);
      // A crash of the checker (not a verdict) is not remembered: the next read tries again.
      cached.catch(() => this.verified.delete(key));
      if (this.verified.size > 1000) this.verified.delete(this.verified.keys().next().value!);
    }
    return cached;
  }

  /** The consolidated result now: every published box's archive verified (in parallel), then added. */
  async consolidation(id: ConsultationId): Promise<ConsolidationReport> {
    const row = await this.get(id);
    const template = this.template(row);
    const key = questionsKey(template.questions.map((q) => questionCodec.toJson(q)));
    const boxes = await this.boxes(id);
    const inputs = await Promise.all(
      boxes.map(async (box): Promise<BoxInput> => {
        const base = {
          id: box.id,
          label: box.label,
          channel: box.channel,
          electionId: box.electionId,
          replaces: box.replacesId,
          annulment:
            box.annulReason === null
              ? null
              : { reason: box.annulReason, at: box.annulledAt!, by: box.annulledBy! },
        };
        if (box.channel === 'paper') {
          const parsed = figuresFromJson(JSON.parse(box.paperJson!));
          if (!parsed.ok) throw new Error(`stored paper box ${box.id} does not parse`);
          return {
            ...base,
            paper: {
              figures: parsed.figures,
              enteredBy: box.enteredBy!,
              enteredAt: box.enteredAt!,
              reportName: box.reportName!,
              reportSha256: box.reportSha256!,
            },
          };
        }
        const election = await this.elections.get(box.electionId!);
        const changes = await rollChangesAfterCredentials(this.store, election);
        const withChanges = {
          ...base,
          rollChanges: { count: changes.count, logins: changes.logins.map(publicLogin) },
          ...(await this.boxPeople(election.id)),
          ...(await this.proxyFigures(election.id)),
        };
        // An annulled box that was published still shows its verified figures, for the record.
        if (election.state !== 'published') return withChanges;
        const head = await this.store.board.head(election.id);
        if (!head) return { ...withChanges, problem: 'the published box has no board' };
        const verdict = await this.verifiedArchive(election, head);
        if (!verdict.ok) return { ...withChanges, problem: verdict.problem };
        if (questionsKey(verdict.box.questions.map((q) => questionCodec.toJson(q))) !== key)
          return { ...withChanges, problem: 'the box was not run on the consultation questions' };
        return { ...withChanges, verified: verdict.box };
      }),
    );
    const next = await this.store.consultations.next(id);
    const report = consolidate({
      consultation: {
        id: row.id,
        name: row.name,
        round: row.round,
        timeZone: template.timeZone,
        previousId: row.previousId,
        nextId: next?.id ?? null,
      },
      questions: template.questions,
      rule: this.rule(row),
      // A round prepared by a rule is the last one: the most votes decide.
      finalRound: row.previousId !== null && row.ruleJson === null,
      boxes: inputs,
    });
    // Issue 17: the boxes' shared election rules give seats and outcomes on the consolidated totals.
    const online = boxes.filter((b) => b.electionId !== null && b.annulReason === null);
    const shared = await sharedSealedRules(
      this.store,
      online.map((b) => b.electionId!),
    );
    if (shared === undefined) return report;
    if ('problem' in shared) return { ...report, rules: null, notes: [...report.notes, shared.problem] };
    const rules = consolidatedRules(shared, template.questions, report.complete ? report.figures : null);
    return { ...report, rules };
  }

  /** Who holds a box's key and who scrutinises it, by name, for the procès-verbal. */
  /** Issue 17: the proxies in force in a box, when there are any (counts only). */
  private async proxyFigures(electionId: string): Promise<{ proxies?: ProxyFigures }> {
    const accepted = (await this.store.proxies.list(electionId)).filter((p) => p.state === 'accepted');
    if (accepted.length === 0) return {};
    return {
      proxies: {
        inForce: accepted.length,
        holders: new Set(accepted.map((p) => p.holderId)).size,
        maxPerHolder: (await this.store.proxies.getMaxPerHolder(electionId)) ?? 1,
      },
    };
  }

  private async boxPeople(
    electionId: ElectionId,
  ): Promise<{ keyHolders: KeyHolder[]; scrutineers: string[] }> {
    const keyHolders = (await this.store.trustees.list(electionId)).map((t): KeyHolder => {
      if (t.kind !== 'pedersen' || t.publicJson === null) return { kind: t.kind, names: [t.displayName] };
      const state = parseThresholdState(t);
      return {
        kind: 'pedersen',
        names: state.trustees.map((m) => m.displayName),
        threshold: state.threshold,
      };
    });
    const scrutineers: string[] = [];
    for (const grant of await this.store.elections.listRoles(electionId)) {
      if (grant.role !== 'scrutineer') continue;
      const account = await this.store.accounts.getAccount(grant.accountId);
      if (account) scrutineers.push(account.displayName);
    }
    return { keyHolders, scrutineers };
  }

  /**
   * Once the round is complete and its rule calls for a second round, prepares it (idempotent; the
   * unique next-round key settles races between processes; an interrupted preparation is resumed).
   */
  async settle(id: ConsultationId, actor: Actor, mode: 'publication' | 'resume' = 'publication') {
    const row = await this.get(id);
    const rule = this.rule(row);
    // Verifying the boxes now (even without a rule) also warms the cache the public reads use.
    const report = await this.consolidation(id);
    if (!rule) return undefined;
    if (!report.complete || report.decision?.kind !== 'second-round') return undefined;
    // A reader only resumes what a publication started: a round completed by an annulment (the admin
    // may be about to re-run the box) waits for the next publication or paper box.
    if (mode === 'resume' && !(await this.store.consultations.next(id)) && !(await this.completedByCount(id)))
      return undefined;
    const template = this.template(row);
    const question = template.questions[rule.question]!;
    const qualified = report.decision.qualified.map((i) => question.answers[i]!);
    let next = await this.store.consultations.next(id);
    if (!next) {
      const nextTemplate: ConsultationTemplate = {
        ...template,
        opensAt: null,
        closesAt: null,
        questions: [{ ...question, answers: qualified, min: 1, max: 1 }],
      };
      const candidate: ConsultationRow = {
        id: consultationId(generateToken()),
        organisationId: row.organisationId,
        // The round number is shown by every page in its reader's language: the name carries none.
        name: row.name,
        description: row.description,
        round: row.round + 1,
        templateJson: JSON.stringify(nextTemplate),
        ruleJson: null,
        previousId: row.id,
        createdBy: 'system',
        createdAt: this.now(),
      };
      try {
        await this.store.transaction(async (tx) => {
          await tx.consultations.create(candidate, []);
          await this.audit(tx, row, actor, 'consultation.next-round', {
            next: candidate.id,
            qualified: qualified.join(', '),
          });
        });
        next = candidate;
      } catch (error) {
        if (!(error instanceof UniqueViolation)) throw error;
        next = await this.store.consultations.next(id);
        if (!next) throw error;
      }
    }
    await this.completeNextRound(row, next, actor);
    return next;
  }

  /** Creates the next round's missing boxes: one per counted box, roll and trustees copied, each in one transaction. */
  private async completeNextRound(
    previous: ConsultationRow,
    next: ConsultationRow,
    actor: Actor,
  ): Promise<void> {
    const existing = new Set((await this.boxes(next.id)).map((b) => b.label));
    const template = this.template(next);
    for (const box of await this.boxes(previous.id)) {
      if (box.annulReason !== null || existing.has(box.label)) continue;
      await this.store.transaction(async (tx) => {
        const elections = this.elections.within(tx);
        const election = await createBoxElection(elections, next, template, box.label, actor);
        if (box.electionId) await elections.copySetup(box.electionId, election.id, actor);
        await this.addBox(tx, newBox(next.id, 0, box.label, 'online', election.id, this.now()));
      });
      existing.add(box.label);
    }
  }

  /** Whether the last change that completed the round was a count (a publication or a paper box), not an annulment. */
  private async completedByCount(id: ConsultationId): Promise<boolean> {
    let counted = '';
    let annulled = '';
    for (const box of await this.boxes(id)) {
      if (box.annulledAt !== null) {
        if (box.annulledAt > annulled) annulled = box.annulledAt;
        continue;
      }
      const at = box.electionId
        ? (await this.elections.get(box.electionId)).updatedAt
        : (box.enteredAt ?? '');
      if (at > counted) counted = at;
    }
    return counted > annulled;
  }

  /** The paper report's bytes, when kept. */
  async report(id: ConsultationId, boxId: BoxId): Promise<{ fileName: string; bytes: Buffer }> {
    const box = await this.box(id, boxId);
    if (box.reportBase64 === null || box.reportName === null)
      throw new DomainError('SCR_NOT_FOUND', { problem: 'no report file is kept for this box' });
    return { fileName: box.reportName, bytes: Buffer.from(box.reportBase64, 'base64') };
  }
}
