/**
 * The consolidated result of a consultation: the sum of the figures of the boxes that count, each
 * box published with its own figures, its channel and what lets anyone re-check it (sealed hashes
 * and final archive hashes of online boxes; who entered a paper box and the SHA-256 of the report).
 * Boxes that do not count are listed with the reason: annulled (with the recorded reason, and the
 * box that replaces it), not yet published, or failing verification. Paper boxes are marked, in
 * every output, as not cryptographically verifiable.
 */
import type { BoxId, ConsultationId, ElectionId } from '../core/ids.js';
import type { HomomorphicQuestion } from '../protocol/messages.js';
import type { ConsolidatedRules } from './election-rules.js';
import { type BoxFigures, type FiguresJson, figuresToJson, sumFigures } from './figures.js';
import { candidateCounts, type Presentation, present } from './presentation.js';
import { decideFinalRound, decideRound, type RoundDecision, type RoundRule } from './rules.js';
import type { VerifiedBox } from './verified-box.js';

export const NOT_VERIFIABLE = 'not cryptographically verifiable';

export type BoxStatus = 'counted' | 'annulled' | 'pending' | 'unverified';

/** Who holds a box's decryption key (issue 16): the server's own key is the weakest mode. */
export interface KeyHolder {
  readonly kind: 'server' | 'single' | 'pedersen';
  /** The trustee's name, or every member of a threshold group. */
  readonly names: readonly string[];
  /** A threshold group: how many of `names` must take part. */
  readonly threshold?: number;
}

export interface BoxInput {
  readonly id: BoxId;
  readonly label: string;
  readonly channel: 'online' | 'paper';
  readonly electionId: ElectionId | null;
  readonly replaces: BoxId | null;
  readonly annulment: { readonly reason: string; readonly at: string; readonly by: string } | null;
  /** Online boxes: the verified archive, or why it does not count yet. */
  readonly verified?: VerifiedBox;
  readonly problem?: string;
  /** Online boxes: per-voter changes of the roll after credentials were issued (issue 15). */
  readonly rollChanges?: { readonly count: number; readonly logins: readonly string[] };
  /** Online boxes: who holds the decryption key, and the scrutineers' names (for the signatures). */
  readonly keyHolders?: readonly KeyHolder[];
  readonly scrutineers?: readonly string[];
  /** Online boxes with proxies in force (issue 17): how many, held by how many voters, the cap. */
  readonly proxies?: ProxyFigures;
  /** Paper boxes: the figures entered, by whom, and the attached report. */
  readonly paper?: {
    readonly figures: BoxFigures;
    readonly enteredBy: string;
    readonly enteredAt: string;
    readonly reportName: string;
    readonly reportSha256: string;
  };
}

export interface BoxReport {
  readonly id: BoxId;
  readonly label: string;
  readonly channel: 'online' | 'paper';
  readonly cryptographicallyVerifiable: boolean;
  readonly status: BoxStatus;
  /** Human-readable note on why the box counts or not (annulment, pending, failure, paper). */
  readonly notes: readonly string[];
  readonly electionId: ElectionId | null;
  readonly replaces: BoxId | null;
  readonly replacedBy: BoxId | null;
  readonly annulment: BoxInput['annulment'];
  readonly sealed: VerifiedBox['sealed'] | null;
  readonly archive: (VerifiedBox['archive'] & { readonly verified: true }) | null;
  readonly paper: Omit<NonNullable<BoxInput['paper']>, 'figures'> | null;
  readonly figures: FiguresJson | null;
  readonly presentation: Presentation | null;
  /** Online boxes: per-voter changes of the roll after credentials were issued (issue 15). */
  readonly rollChanges?: { readonly count: number; readonly logins: readonly string[] };
  readonly keyHolders?: readonly KeyHolder[];
  readonly scrutineers?: readonly string[];
  readonly proxies?: ProxyFigures;
}

/** Proxies in force in a box (issue 17): counts only, no names. */
export interface ProxyFigures {
  readonly inForce: number;
  readonly holders: number;
  readonly maxPerHolder: number;
}

export interface ConsolidationReport {
  readonly consultation: {
    readonly id: ConsultationId;
    readonly name: string;
    readonly round: number;
    /** The consultation's time zone (IANA), in which people read its dates. */
    readonly timeZone?: string;
    /** The previous round (round 2 and later) and the next one, once prepared. */
    readonly previousId?: ConsultationId | null;
    readonly nextId?: ConsultationId | null;
  };
  /** Every box published or annulled, none failing verification. */
  readonly complete: boolean;
  readonly questions: readonly HomomorphicQuestion[];
  readonly boxes: readonly BoxReport[];
  readonly counted: { readonly boxes: number; readonly notVerifiable: number };
  readonly notes: readonly string[];
  readonly figures: FiguresJson;
  readonly presentation: Presentation;
  readonly rule: RoundRule | null;
  /** The rule's decision on the consolidated figures, once complete (the most votes in a final round). */
  readonly decision: RoundDecision | null;
  /** The question the decision is about (0-based), or null when nothing is decided. */
  readonly decisionQuestion: number | null;
  /** The election rules the boxes share (issue 17): seats and outcomes on the consolidated totals. */
  readonly rules?: ConsolidatedRules | null;
}

/** The decision in plain English (the JSON notes and the CSV); the procès-verbal has its own wording. */
export function decisionNote(question: HomomorphicQuestion, decision: RoundDecision): string {
  const names = (list: readonly number[]) => list.map((i) => question.answers[i]!).join(', ');
  switch (decision.kind) {
    case 'elected':
      return `decision: ${question.answers[decision.winner]} elected (${decision.reason === 'most-votes' ? 'most votes in the final round' : decision.reason === 'majority' ? 'majority' : 'only candidate with votes'})`;
    case 'second-round':
      return `decision: second round between ${names(decision.qualified)}`;
    case 'tie':
      return `decision: tie for the most votes between ${names(decision.tied)}`;
    case 'no-votes':
      return 'decision: no votes, nobody elected';
  }
}

export function consolidate(input: {
  consultation: ConsolidationReport['consultation'];
  questions: readonly HomomorphicQuestion[];
  rule: RoundRule | null;
  /** A final round (prepared by a previous round's rule): decided by the most votes on question 0. */
  finalRound?: boolean;
  boxes: readonly BoxInput[];
}): ConsolidationReport {
  const replacedBy = new Map(input.boxes.filter((b) => b.replaces).map((b) => [b.replaces!, b.id]));
  const reports = input.boxes.map((box): BoxReport => {
    const figures = box.annulment ? null : (box.paper?.figures ?? box.verified?.figures ?? null);
    const status: BoxStatus = box.annulment
      ? 'annulled'
      : figures
        ? 'counted'
        : box.problem
          ? 'unverified'
          : 'pending';
    const notes: string[] = [];
    const successor = replacedBy.get(box.id) ?? null;
    if (box.annulment)
      notes.push(
        `annulled on ${box.annulment.at}: ${box.annulment.reason}; excluded from the consolidated result${successor ? `, replaced by box ${successor}` : ''}`,
      );
    if (box.replaces) notes.push(`re-run of annulled box ${box.replaces}`);
    if (box.channel === 'paper')
      notes.push(
        `${NOT_VERIFIABLE}: totals entered by ${box.paper?.enteredBy ?? '?'}, report ${box.paper?.reportName ?? '?'}`,
      );
    if (status === 'pending') notes.push('not published yet: not counted');
    if (status === 'unverified') notes.push(`not counted: ${box.problem}`);
    const sourceFigures = box.paper?.figures ?? box.verified?.figures ?? null;
    return {
      id: box.id,
      label: box.label,
      channel: box.channel,
      cryptographicallyVerifiable: box.channel === 'online',
      status,
      notes,
      electionId: box.electionId,
      replaces: box.replaces,
      replacedBy: successor,
      annulment: box.annulment,
      sealed: box.verified?.sealed ?? null,
      ...(box.rollChanges ? { rollChanges: box.rollChanges } : {}),
      ...(box.keyHolders ? { keyHolders: box.keyHolders } : {}),
      ...(box.scrutineers ? { scrutineers: box.scrutineers } : {}),
      ...(box.proxies ? { proxies: box.proxies } : {}),
      archive: box.verified ? { ...box.verified.archive, verified: true } : null,
      paper: box.paper
        ? {
            enteredBy: box.paper.enteredBy,
            enteredAt: box.paper.enteredAt,
            reportName: box.paper.reportName,
            reportSha256: box.paper.reportSha256,
          }
        : null,
      // An annulled box still shows what it had, for the record; it is not added.
      figures: sourceFigures && figuresToJson(sourceFigures),
      presentation: sourceFigures && present(input.questions, sourceFigures),
    };
  });
  const counted = input.boxes.filter((_, i) => reports[i]!.status === 'counted');
  const figures = sumFigures(
    input.questions,
    counted.map((b) => (b.paper?.figures ?? b.verified?.figures)!),
  );
  const complete =
    reports.length > 0 && reports.every((r) => r.status === 'counted' || r.status === 'annulled');
  const notVerifiable = counted.filter((b) => b.channel === 'paper').length;
  const notes: string[] = [];
  for (const r of reports.filter((r) => r.status === 'annulled'))
    notes.push(`box ${r.label} (${r.id}) is annulled and excluded: ${r.annulment!.reason}`);
  if (notVerifiable > 0) notes.push(`${notVerifiable} counted box(es) entered by hand: ${NOT_VERIFIABLE}`);
  if (!complete) notes.push('provisional: some boxes are not published yet');
  let decision: RoundDecision | null = null;
  const decisionQuestion = input.rule ? input.rule.question : input.finalRound ? 0 : null;
  if (complete && decisionQuestion !== null) {
    const question = input.questions[decisionQuestion]!;
    const { answers, blank } = candidateCounts(question, figures.counts[decisionQuestion]!);
    decision = input.rule ? decideRound(input.rule, answers, blank) : decideFinalRound(answers);
    notes.push(decisionNote(question, decision));
  }
  return {
    consultation: input.consultation,
    complete,
    questions: input.questions,
    boxes: reports,
    counted: { boxes: counted.length, notVerifiable },
    notes,
    figures: figuresToJson(figures),
    presentation: present(input.questions, figures),
    rule: input.rule,
    decision,
    decisionQuestion: decision === null ? null : decisionQuestion,
  };
}
