/**
 * The public board as the election page reads it: the election's public summary and its ballot
 * trackers. Parsed here, at the boundary; nothing on this page needs signing in or sends anything.
 */
import type { Language } from '../../i18n/index.js';
import type { ElectionState } from '../booth/api.js';
import { type ApiResult, isRecord, isString, type Parser, requestJson } from './shell.js';

export interface PublicQuestion {
  readonly question: string;
  readonly answers: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly blank: boolean;
  /** Non-homomorphic questions (ranked, majority judgment…): their result is not a list of counts. */
  readonly homomorphic: boolean;
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

const STATES: readonly ElectionState[] = ['draft', 'open', 'closed', 'tallied', 'published', 'annulled'];
const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function parseQuestion(value: unknown): PublicQuestion | undefined {
  if (!isRecord(value)) return undefined;
  // Non-homomorphic questions are {type, value: {question, answers}}.
  const inner = isRecord(value.value) ? value.value : value;
  const { question, answers } = inner;
  if (!isString(question) || !Array.isArray(answers) || !answers.every(isString)) return undefined;
  const homomorphic = value.type === undefined;
  const min = isCount(value.min) ? value.min : 0;
  const max = isCount(value.max) ? value.max : answers.length;
  return { question, answers, min, max, blank: value.blank === true, homomorphic };
}

export const parsePublicElection: Parser<PublicElection> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, name, description, state, questions, timeZone, opensAt, closesAt, sealed, turnout } = value;
  if (!isString(id) || !isString(name) || !isString(description) || !isString(timeZone)) return undefined;
  if (!STATES.includes(state as ElectionState) || !isStringOrNull(opensAt) || !isStringOrNull(closesAt))
    return undefined;
  if (!Array.isArray(questions)) return undefined;
  const parsedQuestions = questions.map(parseQuestion);
  if (parsedQuestions.some((q) => q === undefined)) return undefined;
  let seals: PublicElection['sealed'] = null;
  if (sealed !== null) {
    if (
      !isRecord(sealed) ||
      !isString(sealed.election) ||
      !isString(sealed.trustees) ||
      !isString(sealed.credentials)
    )
      return undefined;
    seals = { election: sealed.election, trustees: sealed.trustees, credentials: sealed.credentials };
  }
  if (!isRecord(turnout) || !isCount(turnout.ballots) || !isCount(turnout.voters)) return undefined;
  const result = value.result === null || value.result === undefined ? null : value.result;
  if (result !== null && !Array.isArray(result)) return undefined;
  const annulReason = isString(value.annulReason) ? value.annulReason : null;
  const changes = value.rollChanges;
  const rollChanges =
    isRecord(changes) &&
    isCount(changes.count) &&
    Array.isArray(changes.logins) &&
    changes.logins.every(isString)
      ? { count: changes.count, logins: changes.logins }
      : { count: 0, logins: [] };
  return {
    id,
    name,
    description,
    state: state as ElectionState,
    questions: parsedQuestions as PublicQuestion[],
    timeZone,
    opensAt,
    closesAt,
    sealed: seals,
    turnout: { ballots: turnout.ballots, voters: turnout.voters },
    result,
    annulReason,
    hasBoard: isString(value.election),
    rollChanges,
  };
};

const parseBallots: Parser<BoardBallot[]> = (value) => {
  if (!isRecord(value) || !Array.isArray(value.ballots)) return undefined;
  const ballots: BoardBallot[] = [];
  for (const entry of value.ballots) {
    if (!isRecord(entry) || !isString(entry.tracker) || typeof entry.counted !== 'boolean') return undefined;
    const weight = entry.weight;
    if (!(isString(weight) && /^[0-9]+$/.test(weight)) && !isCount(weight)) return undefined;
    ballots.push({ tracker: entry.tracker, weight: BigInt(weight), counted: entry.counted });
  }
  return ballots;
};

/** What the server's own verifier, which follows the board event by event, says of it. */
export interface BoardVerification {
  readonly ok: boolean;
  /** `cannot-verify`: the board holds shuffles, which the server's verifier does not check yet. */
  readonly cannotVerify: boolean;
  /** Height of the last event checked (events are numbered from 0). */
  readonly verifiedHeight: number | null;
}

const parseVerification: Parser<BoardVerification> = (value) => {
  if (!isRecord(value) || typeof value.ok !== 'boolean') return undefined;
  const height = value.verifiedHeight;
  if (!(height === null || isCount(height))) return undefined;
  return { ok: value.ok, cannotVerify: value.outcome === 'cannot-verify', verifiedHeight: height };
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

  election(): Promise<ApiResult<PublicElection>> {
    return requestJson('GET', this.base, { language: this.language() }, parsePublicElection);
  }

  verification(): Promise<ApiResult<BoardVerification>> {
    return requestJson('GET', `${this.base}/verification`, { language: this.language() }, parseVerification);
  }

  ballots(): Promise<ApiResult<BoardBallot[]>> {
    return requestJson('GET', `${this.base}/ballots`, { language: this.language() }, parseBallots);
  }
}
