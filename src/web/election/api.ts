/**
 * The public board as the election page reads it: the election's public summary and its ballot
 * trackers. Checked here, at the boundary, against the contract; nothing on this page needs signing
 * in or sends anything.
 */

import type { ElectionState, Question } from '../../contract/election.js';
import {
  BoardBallots,
  BoardVerification as BoardVerificationAnswer,
  PublicElection as PublicElectionAnswer,
} from '../../contract/election.js';
import type { Language } from '../../i18n/index.js';
import { type CountingMethod, readCountingMethod } from '../../protocol/counting/method.js';
import { checked, type Parser, type Result, requestJson } from '../kit/http.js';

export interface PublicQuestion {
  readonly question: string;
  readonly answers: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly blank: boolean;
  /** Non-homomorphic questions (ranked, majority judgment…): their result is not a list of counts. */
  readonly homomorphic: boolean;
  /** Their counting method (Belenios's `extra`), when they have one. */
  readonly method?: CountingMethod;
}

export interface PublicElection {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly state: ElectionState;
  readonly questions: readonly PublicQuestion[];
  readonly timeZone: string;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly sealed: { election: string; trustees: string; credentials: string } | null;
  readonly turnout: { ballots: number; voters: number };
  /** Per question, once published: the (weighted) count of each slot, blank first when allowed. */
  readonly result: readonly unknown[] | null;
  readonly annulReason: string | null;
  /** Whether the board (and so the archive) exists: from opening on. */
  readonly hasBoard: boolean;
  /** Per-voter changes of the roll after credentials were issued, with the logins (issue 15). */
  readonly rollChanges: { count: number; logins: readonly string[] };
}

export interface BoardBallot {
  readonly tracker: string;
  readonly weight: bigint;
  /** The last ballot of its credential: the one the tally counts. */
  readonly counted: boolean;
}

/** A question of the checked summary, read for this page (only the counting method needs reading). */
function readQuestion(wire: Question): PublicQuestion {
  if (!('type' in wire)) {
    const { question, answers, min, max } = wire;
    return { question, answers, min, max, blank: wire.blank === true, homomorphic: true };
  }
  const { question, answers } = wire.value;
  const reading = readCountingMethod(wire.extra, answers.length);
  return {
    question,
    answers,
    min: 0,
    max: answers.length,
    blank: false,
    homomorphic: false,
    ...(reading.ok ? { method: reading.method } : {}),
  };
}

const isWireElection = checked(PublicElectionAnswer);

/** The public summary (checked against the contract), with its questions read for this page. */
export const parsePublicElection: Parser<PublicElection> = (value) => {
  const answer = isWireElection(value);
  if (!answer) return undefined;
  const { sealed } = answer;
  if (sealed && (sealed.trustees === null || sealed.credentials === null)) return undefined;
  return {
    id: answer.id,
    name: answer.name,
    description: answer.description,
    state: answer.state,
    questions: answer.questions.map(readQuestion),
    timeZone: answer.timeZone,
    opensAt: answer.opensAt,
    closesAt: answer.closesAt,
    sealed: sealed as PublicElection['sealed'],
    turnout: answer.turnout,
    result: answer.result,
    annulReason: answer.annulReason,
    hasBoard: answer.election !== null,
    rollChanges: answer.rollChanges,
  };
};

const isBoardBallots = checked(BoardBallots);

const parseBallots: Parser<BoardBallot[]> = (value) =>
  isBoardBallots(value)?.ballots.map(({ tracker, weight, counted }) => ({
    tracker,
    weight: BigInt(weight),
    counted,
  }));

/** What the server's own verifier, which follows the board event by event, says of it. */
export interface BoardVerification {
  readonly ok: boolean;
  /** `cannot-verify`: the board holds shuffles, which the server's verifier does not check yet. */
  readonly cannotVerify: boolean;
  /** Height of the last event checked (events are numbered from 0). */
  readonly verifiedHeight: number | null;
}

const isBoardVerification = checked(BoardVerificationAnswer);

const parseVerification: Parser<BoardVerification> = (value) => {
  const answer = isBoardVerification(value);
  return (
    answer && {
      ok: answer.ok,
      cannotVerify: answer.outcome === 'cannot-verify',
      verifiedHeight: answer.verifiedHeight,
    }
  );
};

export class PublicBoardApi {
  readonly base: string;

  constructor(
    electionId: string,
    private readonly language: () => Language,
  ) {
    this.base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  }

  /** Where the archive is downloaded from (a plain link: the browser saves it). */
  get archiveUrl(): string {
    return `${this.base}/archive.bel`;
  }

  election(): Promise<Result<PublicElection>> {
    return this.get(this.base, parsePublicElection);
  }

  verification(): Promise<Result<BoardVerification>> {
    return this.get(`${this.base}/verification`, parseVerification);
  }

  ballots(): Promise<Result<BoardBallot[]>> {
    return this.get(`${this.base}/ballots`, parseBallots);
  }

  private get<T>(url: string, parse: Parser<T>): Promise<Result<T>> {
    return requestJson('GET', url, { language: this.language(), problemInMessage: true }, parse);
  }
}
